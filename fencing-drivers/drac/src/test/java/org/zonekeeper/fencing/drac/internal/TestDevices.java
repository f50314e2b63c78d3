package org.zonekeeper.fencing.drac.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;

/** FenceDevices for the tests: timeout 5 s, power timeout 5 s, no power wait, 1 retry, unless changed. */
final class TestDevices {
    private final int port;
    private final String username;
    private String password;
    private Verification verification;
    private Duration timeout = Duration.ofSeconds(5);
    private Duration powerTimeout = Duration.ofSeconds(5);
    private int retries = 1;
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, String> hostMap = new HashMap<>();

    TestDevices(int port, String username, String password, Verification verification) {
        this.port = port;
        this.username = username;
        this.password = password;
        this.verification = verification;
    }

    static Verification pinned(String sshHostKey) {
        return new Verification(false, null, null, sshHostKey, null);
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

    TestDevices host(String host, String plug) {
        hostMap.put(host, plug);
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
        return new FenceDevice("drac-7", "drac", "127.0.0.1", port, username, Secret.of(password), options, timeout,
                powerTimeout, Duration.ZERO, retries, verification, hostMap);
    }
}
