package org.zonekeeper.api;

import org.zonekeeper.api.fencing.FencingLevels;

/** A hypervisor host, as replicated in every server's database. */
public record Host(long id, String name, HostState state, String cluster, int cpu, long memoryMb,
        String vmmDriver, String imDriver, boolean enabled, long updated, FencingLevels fencingLevels) {

    public Host withEnabled(boolean enabled, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, fencingLevels);
    }

    public Host withFencingLevels(FencingLevels levels, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, levels);
    }
}
