package org.zonekeeper.api;

import org.zonekeeper.api.fencing.FencingLevels;

/**
 * A hypervisor host, as replicated in every server's database. {@code monitored} is the time of the last probe it
 * answered (0: never); {@code address} is where its node agent listens ({@code HOST} or {@code HOST:PORT}).
 */
public record Host(long id, String name, HostState state, String cluster, int cpu, long memoryMb,
        String vmmDriver, String imDriver, boolean enabled, long updated, FencingLevels fencingLevels,
        long monitored, String address) {

    public Host withEnabled(boolean enabled, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, fencingLevels,
                monitored, address);
    }

    public Host withFencingLevels(FencingLevels levels, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, levels,
                monitored, address);
    }

    public Host withState(HostState state, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, fencingLevels,
                monitored, address);
    }
}
