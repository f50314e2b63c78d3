package org.zonekeeper.api;

import org.zonekeeper.api.fencing.FencingLevels;

/**
 * A hypervisor host, as replicated in every server's database. {@code monitored} is the time of the last probe it
 * answered (0: never); {@code address} is where its node agent listens ({@code HOST} or {@code HOST:PORT});
 * {@code fencingAttempt} names its latest fencing attempt (0: never fenced): the zone gives each entry into FENCING a
 * new id, and a power-off or its confirmation is recorded only under the id of the attempt still under way, so a
 * result of an earlier attempt never certifies a later one.
 */
public record Host(long id, String name, HostState state, String cluster, int cpu, long memoryMb,
        String vmmDriver, String imDriver, boolean enabled, long updated, FencingLevels fencingLevels,
        long monitored, String address, long fencingAttempt) {

    public Host withEnabled(boolean enabled, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, fencingLevels,
                monitored, address, fencingAttempt);
    }

    public Host withFencingLevels(FencingLevels levels, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, levels,
                monitored, address, fencingAttempt);
    }

    /** In FENCING under a new attempt id. */
    public Host fencing(long attempt, long time) {
        return new Host(id, name, HostState.FENCING, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time,
                fencingLevels, monitored, address, attempt);
    }

    public Host withState(HostState state, long time) {
        return new Host(id, name, state, cluster, cpu, memoryMb, vmmDriver, imDriver, enabled, time, fencingLevels,
                monitored, address, fencingAttempt);
    }
}
