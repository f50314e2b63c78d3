package org.zonekeeper.api.fencing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One configured fencing device (a BMC, a chassis controller, a PDU...), as a driver receives it.
 *
 * @param name the device's name, unique in the zone
 * @param driver the {@link FencingDriver#DRIVER} name that handles it
 * @param address host name or IP address of the BMC
 * @param port TCP/UDP port, 0 for the driver's default
 * @param username login name
 * @param password login password, never printed
 * @param options driver-specific options (for example {@code cipher}, {@code method}, {@code mode})
 * @param timeout deadline of one request to the BMC
 * @param powerTimeout how long to wait for the power state to read as asked
 * @param powerWait pause after a power command before the first status read
 * @param retries how many more times a failed login or command is tried
 * @param verification TLS and SSH peer checking
 * @param hostMap host name to plug, slot or system id on this device
 */
public record FenceDevice(String name, String driver, String address, int port, String username, Secret password,
        Map<String, String> options, Duration timeout, Duration powerTimeout, Duration powerWait, int retries,
        Verification verification, Map<String, String> hostMap) {

    public FenceDevice {
        options = Map.copyOf(options);
        hostMap = Map.copyOf(hostMap);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).filter(v -> !v.isBlank());
    }

    /** The plug this device uses for {@code host}: its host map entry, or empty for a device that serves one host. */
    public String plugFor(String host) {
        return hostMap.getOrDefault(host, "");
    }

    /** The longest any one operation on this device may take, all retries and power waits included. */
    public Duration deadline() {
        return timeout.multipliedBy(2L * (retries + 1)).plus(powerWait).plus(powerTimeout);
    }
}
