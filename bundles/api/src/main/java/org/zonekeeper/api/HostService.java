package org.zonekeeper.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.zonekeeper.api.fencing.FencingLevels;

/** Hosts of the zone. Writes go through Raft; {@code ref} is an id or a name. */
@ProviderType
public interface HostService {

    Host create(HostSpec spec);

    List<Host> list(ReadMode mode);

    Host get(String ref, ReadMode mode);

    void delete(String ref);

    Host setEnabled(String ref, boolean enabled);

    /** Replaces the host's fencing levels (empty: fenced by the devices whose host map names it). */
    Host setFencingLevels(String ref, FencingLevels levels);

    /** Moves a host to {@code to} if it is in one of {@code from} (a leader's decision; refused otherwise). */
    Host setState(String ref, Set<HostState> from, HostState to);

    /**
     * Records a step of fencing attempt {@code attempt} ({@link Host#fencingAttempt}) of a host in FENCING, with the
     * try number and what was seen; refused once the host has left that attempt (a leader's decision).
     */
    Host recordFencing(long hostId, long attempt, FencingStep step, int tries, String detail);

    /** Records the hosts that answered a monitoring round: host id to the time of the answer. */
    void recordMonitoring(Map<Long, Long> probes);

    /**
     * Records that {@code operator} declared the host powered off when its BMC cannot confirm it (the host and its
     * BMC lost power together): the host goes FENCED (disabled) and its VMs are redeployed. Refused unless the host
     * is in ERROR, FENCING or FENCE_FAILED, so never while it answers probes.
     */
    Host declareOff(String ref, String operator);

    /**
     * Puts a host in MAINTENANCE ({@code on}: from INIT, MONITORED, ERROR or FENCE_FAILED; any recovery of it ends)
     * or takes it out ({@code off}: back to INIT, monitored from scratch).
     */
    Host setMaintenance(String ref, boolean on);
}
