package org.zonekeeper.api;

/**
 * What the leader records of one fencing attempt of a host ({@link HostService#recordFencing}), each refused unless
 * the host is still FENCING under that attempt.
 */
public enum FencingStep {
    /** Written before the power-off is sent: a leader acting on a stale view of the host sends nothing. */
    POWERING_OFF,
    /** The BMC confirmed OFF: the host becomes FENCED (and disabled), and its VMs may be moved. */
    CONFIRMED_OFF,
    /** Every level failed, a BMC was unreachable or timed out: the host becomes FENCE_FAILED. */
    FAILED
}
