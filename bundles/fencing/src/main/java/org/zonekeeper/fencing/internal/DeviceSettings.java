package org.zonekeeper.fencing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Verification;

/** Turns a device configuration into a {@link FenceDevice}, or refuses it naming the first bad key. */
final class DeviceSettings {

    static final Set<String> CORE_KEYS = Set.of("name", "driver", "address", "port", "username", "password.file",
            "timeout.ms", "power.timeout.ms", "power.wait.ms", "retries", "host.map", "tls.ca", "tls.fingerprint",
            "tls.insecure", "ssh.host-key", "ssh.known-hosts");
    /** Prefixes of the keys Config Admin, File Install and DS add; not options. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "felix.", "osgi.");
    private static final String NAME = "[A-Za-z0-9_.-]+";

    private DeviceSettings() {
    }

    /** The device's name: the NAME of its {@code org.zonekeeper.fencing.device-NAME.cfg} file or its name key. */
    static String name(Map<String, ?> properties) {
        return ConfigValues.instanceName(DeviceConfig.PID, properties);
    }

    static FenceDevice parse(Map<String, ?> properties, Path karafHome) {
        String name = name(properties);
        ConfigValues values = new ConfigValues(DeviceConfig.PID + "-" + name, properties);
        if (!name.matches(NAME)) {
            throw values.invalid("name", "'" + name + "' has characters other than letters, digits, '.', '_', '-'");
        }
        if (properties.containsKey("password")) {
            throw values.invalid("password", "passwords are not accepted here (config:list shows them): put it in "
                    + "a file readable by the server only and name it in password.file");
        }
        Map<String, String> options = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!CORE_KEYS.contains(key) && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith)) {
                options.put(key, String.valueOf(value).trim());
            }
        });
        Verification verification = new Verification(values.bool("tls.insecure", false),
                path(values, "tls.ca", karafHome), blankToNull(values.string("tls.fingerprint", "")),
                blankToNull(values.string("ssh.host-key", "")), path(values, "ssh.known-hosts", karafHome));
        return new FenceDevice(name, values.required("driver"), values.required("address"),
                values.integer("port", 0, 0, 65535), values.string("username", ""),
                values.secretFile("password.file", "", karafHome),
                options, values.millis("timeout.ms", 10000, 100), values.millis("power.timeout.ms", 20000, 100),
                values.millis("power.wait.ms", 0, 0), values.integer("retries", 1, 0, 10), verification,
                hostMap(values));
    }

    private static Path path(ConfigValues values, String key, Path karafHome) {
        String text = values.string(key, "");
        if (text.isEmpty()) {
            return null;
        }
        Path path = karafHome.resolve(text);
        if (!Files.isReadable(path)) {
            throw values.invalid(key, "'" + path + "' is not a readable file");
        }
        return path;
    }

    static Map<String, String> hostMap(ConfigValues values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : values.string("host.map", "").split("[,;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String host = colon < 0 ? entry : entry.substring(0, colon);
            String plug = colon < 0 ? "" : entry.substring(colon + 1);
            if (!host.matches(NAME) || map.put(host, plug) != null) {
                throw values.invalid("host.map", "entry '" + entry + "' is not HOST or HOST:PLUG, or repeats a host");
            }
        }
        return map;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
