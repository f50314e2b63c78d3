package org.zonekeeper.fencing.redfish.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.testkit.RedfishEmulator;

/** FenceDevices for the tests: timeout 5 s, power timeout 5 s, no power wait, 1 retry, unless changed. */
final class TestDevices {
    String name = "bmc-1";
    int port;
    String username;
    String password;
    Verification verification;
    Duration timeout = Duration.ofSeconds(5);
    Duration powerTimeout = Duration.ofSeconds(5);
    int retries = 1;
    final Map<String, String> options = new HashMap<>();

    TestDevices(RedfishEmulator bmc, String username, String password, Verification verification) {
        this.port = bmc.port();
        this.username = username;
        this.password = password;
        this.verification = verification;
    }

    TestDevices password(String password) {
        this.password = password;
        return this;
    }

    TestDevices verification(Verification verification) {
        this.verification = verification;
        return this;
    }

    TestDevices option(String key, String value) {
        options.put(key, value);
        return this;
    }

    TestDevices timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    TestDevices powerTimeout(Duration powerTimeout) {
        this.powerTimeout = powerTimeout;
        return this;
    }

    TestDevices retries(int retries) {
        this.retries = retries;
        return this;
    }

    FenceDevice build() {
        return new FenceDevice(name, "redfish", "127.0.0.1", port, username, Secret.of(password), options, timeout,
                powerTimeout, Duration.ZERO, retries, verification, Map.of());
    }
}
