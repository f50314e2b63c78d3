package org.zonekeeper.api.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zonekeeper.api.fencing.Secret;

/** Typed access to raw configuration values; each failure is an {@link InvalidConfigException} naming its key. */
public record ConfigValues(String pid, Map<String, ?> properties) {

    /**
     * The name of one configuration of a factory: its {@code name} key, else the NAME of its
     * {@code FACTORYPID-NAME.cfg} file, else the part of its PID after '~'.
     */
    public static String instanceName(String factoryPid, Map<String, ?> properties) {
        Object name = properties.get("name");
        if (name != null) {
            return name.toString().trim();
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(f.lastIndexOf('/') + 1);
            String prefix = factoryPid + "-";
            if (base.startsWith(prefix) && base.endsWith(".cfg")) {
                return base.substring(prefix.length(), base.length() - 4);
            }
        }
        String pid = String.valueOf(properties.get("service.pid"));
        return pid.contains("~") ? pid.substring(pid.indexOf('~') + 1) : pid;
    }

    public InvalidConfigException invalid(String key, String problem) {
        return new InvalidConfigException(pid, key, problem);
    }

    public String string(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    public String required(String key) {
        String value = string(key, "");
        if (value.isEmpty()) {
            throw invalid(key, "is required");
        }
        return value;
    }

    public long number(String key, long fallback) {
        String text = string(key, Long.toString(fallback));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not a whole number");
        }
    }

    public int integer(String key, int fallback, int minimum, int maximum) {
        long value = number(key, fallback);
        if (value < minimum || value > maximum) {
            throw invalid(key, value + " is out of range " + minimum + ".." + maximum);
        }
        return (int) value;
    }

    public Duration millis(String key, long fallback, long minimum) {
        long value = number(key, fallback);
        if (value < minimum || value > 3_600_000) {
            throw invalid(key, value + " ms is out of range " + minimum + "..3600000");
        }
        return Duration.ofMillis(value);
    }

    /** A fraction above 0 and at most 1, written as a decimal ({@code 0.5}). */
    public double fraction(String key, double fallback) {
        String text = string(key, Double.toString(fallback));
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not a decimal number");
        }
        if (!(value > 0 && value <= 1)) {
            throw invalid(key, text + " is out of range: above 0 and at most 1");
        }
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        String text = string(key, Boolean.toString(fallback));
        if (!text.equals("true") && !text.equals("false")) {
            throw invalid(key, "'" + text + "' is neither true nor false");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * The secret held in the first line of the file named by {@code key} (else {@code fallback}), relative to
     * {@code base}; none when both are empty. Like OpenSSH with a private key, a file that its group or others may
     * read or write is refused,
     * naming its path and mode.
     */
    public Secret secretFile(String key, String fallback, Path base) {
        String name = string(key, fallback);
        if (name.isEmpty()) {
            return Secret.none();
        }
        Path file = base.resolve(name);
        try {
            checkPrivate(file);
            return Secret.of(Files.readAllLines(file).stream().findFirst().orElse("").strip());
        } catch (SecretFileException e) {
            throw invalid(key, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw invalid(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Refuses a file that its group or others may read or write (on a file system with POSIX modes). */
    public static void checkPrivate(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        open.retainAll(mode);
        if (!open.isEmpty()) {
            throw new SecretFileException(file + " is open to others (mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "): chmod 600 it");
        }
    }

    /** A secret file that others may read: refused. */
    public static final class SecretFileException extends IOException {
        private static final long serialVersionUID = 1L;

        SecretFileException(String message) {
            super(message);
        }
    }

    /** A command from {@code PREFIX.command} and whitespace-separated {@code PREFIX.arguments}; empty if unset. */
    public List<String> command(String prefix) {
        String command = string(prefix + ".command", "");
        if (command.isEmpty()) {
            return List.of();
        }
        List<String> line = new ArrayList<>(List.of(command));
        String arguments = string(prefix + ".arguments", "");
        if (!arguments.isEmpty()) {
            line.addAll(List.of(arguments.split("\\s+")));
        }
        return List.copyOf(line);
    }
}
