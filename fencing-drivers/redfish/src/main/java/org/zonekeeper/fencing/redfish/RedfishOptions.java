package org.zonekeeper.fencing.redfish;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/**
 * The device options {@link RedfishClient} reads. {@code system}: the ComputerSystem, an id ({@code 1},
 * {@code System.Embedded.1}) or a path ({@code /redfish/v1/Systems/1}); {@code reboot}: the ResetType a reboot
 * sends (ForceRestart by default).
 */
public final class RedfishOptions {
    public static final String SYSTEM = "system";
    public static final String REBOOT = "reboot";
    public static final Set<String> KEYS = Set.of(SYSTEM, REBOOT);
    public static final List<String> REBOOT_TYPES = List.of("ForceRestart", "PowerCycle", "GracefulRestart");
    public static final String DEFAULT_REBOOT = "ForceRestart";

    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9._~:@-]+");
    private static final Pattern SYSTEM_PATH = Pattern.compile("(/[A-Za-z0-9._~:@-]+)+");

    private RedfishOptions() {
    }

    /**
     * Checks the values of the keys in {@link #KEYS} (a driver refuses keys it does not know itself); throws CONFIG
     * naming the key.
     */
    public static void validate(FenceDevice device) throws FencingException {
        String reboot = device.options().get(REBOOT);
        if (reboot != null && !REBOOT_TYPES.contains(reboot)) {
            throw new FencingException(Kind.CONFIG, device.driver() + " device " + device.name() + ": option "
                    + REBOOT + "='" + reboot + "' is not one of " + String.join(", ", REBOOT_TYPES));
        }
        String system = device.options().get(SYSTEM);
        if (system != null && !isSystem(system)) {
            throw new FencingException(Kind.CONFIG, device.driver() + " device " + device.name() + ": option "
                    + SYSTEM + "='" + system + "' is neither a system id (letters, digits, '.', '_', '-') nor a "
                    + "path like /redfish/v1/Systems/1");
        }
    }

    static boolean isSystem(String value) {
        return SYSTEM_ID.matcher(value).matches() || SYSTEM_PATH.matcher(value).matches();
    }

    static String rebootType(FenceDevice device) {
        return device.option(REBOOT).orElse(DEFAULT_REBOOT);
    }
}
