package org.zonekeeper.fencing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;

/**
 * Turns a device configuration into a {@link FenceDevice}, or refuses it naming every bad key: the declared ones
 * ({@link ConfiguredDevice.Config}), a password key, a secret or certificate file that cannot be used, a host map
 * that does not parse. The keys it does not declare are the driver's options.
 */
final class Devices {

    private static final Set<String> CORE_KEYS = ConfigCheck.keys(ConfiguredDevice.Config.class);
    /** Prefixes of the keys Config Admin, File Install and DS add; not options. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "felix.", "osgi.");
    private static final String NAME = "[A-Za-z0-9_.-]+";

    private Devices() {
    }

    /** The device's name: the NAME of its {@code org.zonekeeper.fencing.device-NAME.cfg} file or its name key. */
    static String name(Map<String, ?> properties) {
        return ConfigValues.instanceName(ConfiguredDevice.PID, properties);
    }

    /**
     * The device {@code config} describes, once {@code properties} (the same configuration, raw) check out;
     * relative files are taken from {@code karafHome}.
     *
     * @throws org.zonekeeper.api.config.InvalidConfigException naming every bad key
     */
    static FenceDevice device(ConfiguredDevice.Config config, Map<String, ?> properties, Path karafHome) {
        String name = name(properties);
        String pid = ConfiguredDevice.PID + "-" + name;
        ConfigCheck<ConfiguredDevice.Config> check = ConfigCheck.of(ConfiguredDevice.Config.class, pid, properties);
        if (!name.matches(NAME)) {
            check.problem("name", "'" + name + "' has characters other than letters, digits, '.', '_', '-'");
        }
        if (properties.containsKey("password")) {
            check.problem("password", "passwords are not accepted here (config:list shows them): put it in a file "
                    + "readable by the server only and name it in password.file");
        }
        Secret password = check.read("password.file",
                c -> ConfigValues.secretFile(pid, "password.file", c.password_file(), karafHome));
        Path ca = check.read("tls.ca", c -> readable(c.tls_ca(), karafHome));
        Path knownHosts = check.read("ssh.known-hosts", c -> readable(c.ssh_known$_$hosts(), karafHome));
        Map<String, String> hostMap = check.read("host.map", c -> hostMap(c.host_map()));
        check.orThrow();
        Verification verification = new Verification(config.tls_insecure(), ca,
                blankToNull(config.tls_fingerprint()), blankToNull(config.ssh_host$_$key()), knownHosts);
        return new FenceDevice(name, config.driver().trim(), config.address().trim(), config.port(),
                config.username().trim(), password, options(properties), ms(config.timeout_ms()),
                ms(config.power_timeout_ms()), ms(config.power_wait_ms()), config.retries(), verification, hostMap);
    }

    /** The keys that are neither declared nor added by the framework: the driver's options. */
    private static Map<String, String> options(Map<String, ?> properties) {
        Map<String, String> options = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!CORE_KEYS.contains(key) && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith)) {
                options.put(key, String.valueOf(value).trim());
            }
        });
        return options;
    }

    /** The file {@code name} names, relative to {@code karafHome}; null when blank. */
    private static Path readable(String name, Path karafHome) {
        if (name.isBlank()) {
            return null;
        }
        Path path = karafHome.resolve(name.trim());
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("'" + path + "' is not a readable file");
        }
        return path;
    }

    /** {@code HOST} or {@code HOST:PLUG} entries separated by commas, semicolons or spaces. */
    static Map<String, String> hostMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : text.split("[,;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String host = colon < 0 ? entry : entry.substring(0, colon);
            String plug = colon < 0 ? "" : entry.substring(colon + 1);
            if (!host.matches(NAME) || map.put(host, plug) != null) {
                throw new IllegalArgumentException("entry '" + entry + "' is not HOST or HOST:PLUG, or repeats a "
                        + "host");
            }
        }
        return map;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.trim();
    }
}
