package org.zonekeeper.api;

/** A hypervisor host, as replicated in every server's database. */
public record Host(long id, String name, HostState state, String cluster, int cpu, long memoryMb,
        String vmmDriver, String imDriver, boolean enabled, long updated) {
}
