package org.zonekeeper.fencing.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;

/** FenceDevices for driver tests on 127.0.0.1: timeout 5 s, power timeout 5 s, no power wait, 1 retry by default. */
public final class FenceDeviceBuilder {
    private final String driver;
    private final String name;
    private final int port;
    private final String username;
    private String password;
    private Verification verification;
    private Duration timeout = Duration.ofSeconds(5);
    private Duration powerTimeout = Duration.ofSeconds(5);
    private int retries = 1;
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, String> hostMap = new HashMap<>();

    public FenceDeviceBuilder(String driver, String name, int port, String username, String password,
            Verification verification) {
        this.driver = driver;
        this.name = name;
        this.port = port;
        this.username = username;
        this.password = password;
        this.verification = verification;
    }

    public FenceDeviceBuilder password(String password) {
        this.password = password;
        return this;
    }

    public FenceDeviceBuilder verification(Verification verification) {
        this.verification = verification;
        return this;
    }

    public FenceDeviceBuilder option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public FenceDeviceBuilder host(String host, String plug) {
        hostMap.put(host, plug);
        return this;
    }

    public FenceDeviceBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public FenceDeviceBuilder powerTimeout(Duration powerTimeout) {
        this.powerTimeout = powerTimeout;
        return this;
    }

    public FenceDeviceBuilder retries(int retries) {
        this.retries = retries;
        return this;
    }

    public FenceDevice build() {
        return new FenceDevice(name, driver, "127.0.0.1", port, username, Secret.of(password), options, timeout,
                powerTimeout, Duration.ZERO, retries, verification, hostMap);
    }
}
