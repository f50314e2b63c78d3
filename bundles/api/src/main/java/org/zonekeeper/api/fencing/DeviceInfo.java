package org.zonekeeper.api.fencing;

import java.util.Map;

/**
 * A configured device as operators see it: never the password, only whether one is set. {@code problem} says why
 * the device cannot be used (bad configuration, driver not installed), null when it is ready.
 */
public record DeviceInfo(String name, String driver, String address, int port, String username, boolean passwordSet,
        Map<String, String> hostMap, String problem) {

    public boolean ready() {
        return problem == null;
    }
}
