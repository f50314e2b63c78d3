package org.zonekeeper.api;

/**
 * A host recovery in progress, as the host-error workflow records it through Raft before each step it takes:
 * {@code step} names where it is (e.g. {@code WAITING}, {@code FENCING}, {@code REDEPLOYING}), {@code attempts}
 * counts tries of that step, {@code detail} says what it last saw.
 */
public record Recovery(long hostId, String hostName, String step, int attempts, long started, long updated,
        String detail) {

    /**
     * The step of a host left unfenced by the mass-failure guard: too many hosts stopped answering at once. The
     * first host to reach it raises the event {@code ZONE/MASS_FAILURE}.
     */
    public static final String HELD = "HELD";

    /** The step of a host whose power-off was sent under its current fencing attempt (see {@link FencingStep}). */
    public static final String FENCING = "FENCING";

    /** The step of a host whose latest fencing attempt failed; the workflow tries again after a growing pause. */
    public static final String FENCE_FAILED = "FENCE_FAILED";

    /** The start of the detail of a recovery whose host an operator declared off (ha:confirm-off). */
    public static final String DECLARED_OFF_BY = "declared off by ";

    /** The operator's declaration this recovery rests on ("declared off by NAME ..."), or "" for a fenced host. */
    public String declaration() {
        return detail.startsWith(DECLARED_OFF_BY) ? detail.split("; ", 2)[0] : "";
    }
}
