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

/**
 * What configuration keys need beyond their declaration: the name of a factory configuration, secret files, command
 * lines. Keys and their limits are declared in a component's {@code Config} and checked by {@link ConfigCheck}; the
 * deprecated typed readers here serve the zone's own configuration ({@code org.zonekeeper.zone}) until it is declared
 * that way too. Each failure is an {@link InvalidConfigException} naming its key.
 */
public record ConfigValues(String pid, Map<String, ?> properties) {

    /**
     * The name of one configuration of a factory: its {@code name} key unless blank (a component whose
     * {@code Config} declares {@code name() default ""} always has the key), else the NAME of its
     * {@code FACTORYPID-NAME.cfg} file, else the part of its PID after '~'.
     */
    public static String instanceName(String factoryPid, Map<String, ?> properties) {
        Object name = properties.get("name");
        if (name != null && !name.toString().isBlank()) {
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

    private InvalidConfigException invalid(String key, String problem) {
        return new InvalidConfigException(pid, key, problem);
    }

    /** @deprecated for {@code org.zonekeeper.zone} only: declare keys in a {@code Config} checked by {@link ConfigCheck}. */
    @Deprecated
    public String string(String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    private long number(String key, long fallback) {
        return (long) convert(key, string(key, Long.toString(fallback)), long.class);
    }

    /** @deprecated for {@code org.zonekeeper.zone} only: declare keys in a {@code Config} checked by {@link ConfigCheck}. */
    @Deprecated
    public int integer(String key, int fallback, int minimum, int maximum) {
        long value = number(key, fallback);
        if (value < minimum || value > maximum) {
            throw invalid(key, Conversion.outOfRange(value, "", minimum, maximum));
        }
        return (int) value;
    }

    /** @deprecated for {@code org.zonekeeper.zone} only: declare keys in a {@code Config} checked by {@link ConfigCheck}. */
    @Deprecated
    public Duration millis(String key, long fallback, long minimum) {
        long value = number(key, fallback);
        if (value < minimum || value > 3_600_000) {
            throw invalid(key, Conversion.outOfRange(value, "ms", minimum, 3_600_000));
        }
        return Duration.ofMillis(value);
    }

    /** @deprecated for {@code org.zonekeeper.zone} only: declare keys in a {@code Config} checked by {@link ConfigCheck}. */
    @Deprecated
    public boolean bool(String key, boolean fallback) {
        return (boolean) convert(key, string(key, Boolean.toString(fallback)), boolean.class);
    }

    private Object convert(String key, String text, Class<?> type) {
        try {
            return Conversion.convert(text, type);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /**
     * The secret held in the first line of the file named by {@code key} (else {@code fallback}), relative to
     * {@code base}; see {@link #secretFile(String, String, String, Path)}.
     */
    public Secret secretFile(String key, String fallback, Path base) {
        return secretFile(pid, key, string(key, fallback), base);
    }

    /**
     * The secret held in the first line of file {@code name} (key {@code key} of {@code pid}), relative to
     * {@code base}; none when {@code name} is blank. Like OpenSSH with a private key, a file that its group or
     * others may read or write is refused, naming its path and mode.
     *
     * @throws InvalidConfigException naming {@code key}: the file is open to others or cannot be read
     */
    public static Secret secretFile(String pid, String key, String name, Path base) {
        if (name.isBlank()) {
            return Secret.none();
        }
        Path file = base.resolve(name.trim());
        try {
            checkPrivate(file);
            return Secret.of(Files.readAllLines(file).stream().findFirst().orElse("").strip());
        } catch (SecretFileException e) {
            throw new InvalidConfigException(pid, key, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(pid, key, "cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")");
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
