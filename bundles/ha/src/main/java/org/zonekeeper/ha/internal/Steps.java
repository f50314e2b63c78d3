package org.zonekeeper.ha.internal;

/** The recovery steps recorded through Raft (Recovery.step), in order. */
final class Steps {
    static final String WAITING = "WAITING";
    static final String FENCING = "FENCING";
    static final String FENCE_FAILED = "FENCE_FAILED";
    static final String REDEPLOYING = "REDEPLOYING";

    private Steps() {
    }
}
