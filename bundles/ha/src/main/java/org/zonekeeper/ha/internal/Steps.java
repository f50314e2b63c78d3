package org.zonekeeper.ha.internal;

/**
 * The recovery steps only the workflow records (Recovery.step); the fencing steps are Recovery.FENCING and
 * Recovery.FENCE_FAILED.
 */
final class Steps {
    static final String WAITING = "WAITING";
    static final String REDEPLOYING = "REDEPLOYING";
    /** A held host a majority of the zone's servers cannot reach (the second opinion): fenced next. */
    static final String DOWN = "DOWN";

    private Steps() {
    }
}
