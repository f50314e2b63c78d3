package org.zonekeeper.api;

/**
 * What an operator gives to create a host. {@code address} is where its node agent listens, {@code HOST} or
 * {@code HOST:PORT}; it defaults to the host's name.
 */
public record HostSpec(String name, String cluster, int cpu, long memoryMb, String vmmDriver, String imDriver,
        String address) {

    public HostSpec(String name, String cluster, int cpu, long memoryMb, String vmmDriver, String imDriver) {
        this(name, cluster, cpu, memoryMb, vmmDriver, imDriver, name);
    }
}
