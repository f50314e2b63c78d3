package org.zonekeeper.api.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.zonekeeper.api.fencing.Secret;

/**
 * What configuration keys need beyond their declaration: the name of a factory configuration, secret files. Keys
 * and their limits are declared in a component's {@code Config} and read only through {@link ConfigCheck}.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

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
}
