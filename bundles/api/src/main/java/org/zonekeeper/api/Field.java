package org.zonekeeper.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Every text value the replicated model holds, with its limit, declared once: the services check operator input
 * against it where it enters, the state machine checks every command again when it applies it, and the database
 * columns are this wide. Lengths count UTF-16 characters, so a value that fits here fits a column of that many
 * characters on H2 and on MySQL/MariaDB ({@code utf8mb4}).
 *
 * <p>Names are letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, and are not all
 * digits (an all-digit reference is an id). Two names that differ only in case are the same name: {@link #key}.
 * Free text may hold any character but the control characters other than tab and line breaks.
 */
public enum Field {
    HOST_NAME("host name", Rule.NAME, 128),
    VM_NAME("VM name", Rule.NAME, 128),
    SERVER_NAME("server name", Rule.NAME, 128),
    HOOK_NAME("hook name", Rule.TEXT, 128),
    /** A host or VM named by id or by name. */
    REFERENCE("reference", Rule.TOKEN, 128),
    CLUSTER("cluster", Rule.TOKEN, 128),
    VMM("vmm", Rule.TOKEN, 64),
    IM("im", Rule.TOKEN, 64),
    ADDRESS("address", Rule.ADDRESS, 255),
    ENDPOINT("endpoint", Rule.ADDRESS, 255),
    FENCING_LEVELS("fencing levels", Rule.TEXT, 2000),
    TEMPLATE("template", Rule.TEXT, 4000),
    EVENT("event", Rule.TEXT, 64),
    OBJECT_TYPE("object type", Rule.TOKEN, 16),
    CURSOR("cursor", Rule.TOKEN, 64),
    ARGUMENTS("arguments", Rule.TEXT, 4000),
    OUTPUT("output", Rule.TEXT, 4096),
    REASON("reason", Rule.TEXT, 1000),
    STEP("step", Rule.TEXT, 32),
    STATE("state", Rule.TOKEN, 16),
    OPERATOR("operator", Rule.TEXT, 128);

    private enum Rule { NAME, TOKEN, ADDRESS, TEXT }

    private static final char REPLACEMENT = '\uFFFD';

    private final String label;
    private final Rule rule;
    private final int max;

    Field(String label, Rule rule, int max) {
        this.label = label;
        this.rule = rule;
        this.max = max;
    }

    /** How the operator knows the field: {@code address}, {@code VM name}. */
    public String label() {
        return label;
    }

    /** The most characters the field holds (its column's width). */
    public int max() {
        return max;
    }

    /**
     * What is wrong with {@code value}, in words that follow the field's label ({@code "address: is 300 characters
     * long; at most 255"}); empty when it is fine. Null and empty are refused for names; for free text and
     * addresses they mean "not given".
     */
    public Optional<String> problem(String value) {
        boolean optional = rule == Rule.TEXT || rule == Rule.ADDRESS;
        if (value == null || value.isEmpty()) {
            return optional ? Optional.empty() : Optional.of(label + ": is required");
        }
        if (value.length() > max) {
            return Optional.of(label + ": is " + value.length() + " characters long; at most " + max);
        }
        return switch (rule) {
            case NAME, TOKEN -> {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    yield Optional.of(label + ": '" + printable(value) + "' must start with a letter or digit and"
                            + " hold only letters, digits, '.', '_' and '-'");
                }
                yield rule == Rule.NAME && value.chars().allMatch(Character::isDigit)
                        ? Optional.of(label + ": '" + value + "' is all digits, which is how ids are written")
                        : Optional.empty();
            }
            case ADDRESS -> value.matches("[A-Za-z0-9._:\\[\\]-]+") ? Optional.empty()
                    : Optional.of(label + ": '" + printable(value) + "' is not a host name or address, with an"
                            + " optional :PORT");
            case TEXT -> {
                int bad = firstBadCharacter(value);
                yield bad < 0 ? Optional.empty() : Optional.of(label + ": holds U+"
                        + String.format("%04X", (int) value.charAt(bad)) + " at position " + bad
                        + " (a control character or half of a surrogate pair)");
            }
        };
    }

    /**
     * Text produced by the system (hook output, reasons) made to fit: null becomes empty, control characters and
     * unpaired surrogates become U+FFFD, and it is cut to {@link #max} characters without splitting a pair.
     * Deterministic, so every server stores the same.
     */
    public String fit(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) || isControl(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** The form under which names are compared: two names with the same key are the same name. */
    public static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** Whether a reference is an id (all digits) rather than a name. */
    public static boolean isId(String reference) {
        return reference != null && !reference.isEmpty() && reference.length() <= 18
                && reference.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int firstBadCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0);
    }

    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return REASON.fit(shown);
    }
}
