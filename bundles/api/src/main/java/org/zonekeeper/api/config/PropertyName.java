package org.zonekeeper.api.config;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration key of a method of a component property type, as Declarative Services maps it (OSGi
 * Compendium 112.8.2.1, and Felix SCR's {@code Annotations.mapIdentifierToKey}): {@code $_$} becomes {@code -},
 * {@code $$} becomes {@code $}, a single {@code $} is dropped, {@code __} becomes {@code _} and a single {@code _}
 * becomes {@code .}; the type's {@code PREFIX_} constant, if any, is put in front.
 */
final class PropertyName {
    private static final Pattern ESCAPES = Pattern.compile("(\\$_\\$)|(\\$\\$)|(\\$)|(__)|(_)");
    private static final String[] REPLACEMENTS = {"-", "\\$", "", "_", "."};

    private PropertyName() {
    }

    /** {@code interval_ms} → {@code interval.ms}, {@code ssh_host$_$key} → {@code ssh.host-key}. */
    static String of(Method method) {
        return prefix(method.getDeclaringClass()) + of(method.getName());
    }

    static String of(String identifier) {
        Matcher m = ESCAPES.matcher(identifier);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            for (int group = 1; group <= REPLACEMENTS.length; group++) {
                if (m.group(group) != null) {
                    m.appendReplacement(key, REPLACEMENTS[group - 1]);
                    break;
                }
            }
        }
        m.appendTail(key);
        return key.toString();
    }

    private static String prefix(Class<?> type) {
        try {
            Field field = type.getField("PREFIX_");
            int modifiers = field.getModifiers();
            return Modifier.isStatic(modifiers) && field.getType() == String.class ? (String) field.get(null) : "";
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return "";
        }
    }
}
