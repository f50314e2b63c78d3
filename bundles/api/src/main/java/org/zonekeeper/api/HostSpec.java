package org.zonekeeper.api;

/** What an operator gives to create a host. */
public record HostSpec(String name, String cluster, int cpu, long memoryMb, String vmmDriver, String imDriver) {
}
