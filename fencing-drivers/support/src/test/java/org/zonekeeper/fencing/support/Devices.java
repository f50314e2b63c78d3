package org.zonekeeper.fencing.support;

import java.time.Duration;
import java.util.Map;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;

/** Devices for these tests. */
final class Devices {

    private Devices() {
    }

    static FenceDevice device(Duration powerTimeout, int retries, Verification verification) {
        return new FenceDevice("bmc-t", "test", "127.0.0.1", 0, "admin", Secret.of("pw"), Map.of(),
                Duration.ofSeconds(2), powerTimeout, Duration.ZERO, retries, verification, Map.of());
    }
}
