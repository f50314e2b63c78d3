package org.zonekeeper.fencing.ipmi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/**
 * The ipmi driver's options: {@code cipher} (cipher suites tried in order, default 17 then 3), {@code privilege}
 * (ADMINISTRATOR, OPERATOR, USER), {@code method} (onoff or cycle, for reboot), {@code ipmitool} (its path).
 */
record IpmiOptions(List<Integer> ciphers, String privilege, boolean cycle, String ipmitool) {

    static final Set<String> KEYS = Set.of("cipher", "privilege", "method", "ipmitool");
    private static final Set<String> PRIVILEGES = Set.of("ADMINISTRATOR", "OPERATOR", "USER");

    static IpmiOptions of(FenceDevice device) throws FencingException {
        for (String key : device.options().keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid(device, key, "is not an ipmi option (" + String.join(", ", KEYS.stream().sorted()
                        .toList()) + ")");
            }
        }
        List<Integer> ciphers = new ArrayList<>();
        for (String c : device.option("cipher").orElse("17,3").split(",")) {
            try {
                int suite = Integer.parseInt(c.trim());
                if (suite < 0 || suite > 17) {
                    throw new NumberFormatException();
                }
                ciphers.add(suite);
            } catch (NumberFormatException e) {
                throw invalid(device, "cipher", "'" + c.trim() + "' is not a cipher suite 0-17");
            }
        }
        String privilege = device.option("privilege").orElse("ADMINISTRATOR").toUpperCase(Locale.ROOT);
        if (!PRIVILEGES.contains(privilege)) {
            throw invalid(device, "privilege", "'" + privilege + "' is not ADMINISTRATOR, OPERATOR or USER");
        }
        String method = device.option("method").orElse("onoff");
        if (!method.equals("onoff") && !method.equals("cycle")) {
            throw invalid(device, "method", "'" + method + "' is neither onoff nor cycle");
        }
        return new IpmiOptions(List.copyOf(ciphers), privilege, method.equals("cycle"),
                device.option("ipmitool").orElse("ipmitool"));
    }

    private static FencingException invalid(FenceDevice device, String key, String problem) {
        return new FencingException(Kind.CONFIG, "ipmi device " + device.name() + ": " + key + ": " + problem);
    }
}
