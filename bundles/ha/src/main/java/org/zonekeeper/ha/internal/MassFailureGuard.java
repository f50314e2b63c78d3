package org.zonekeeper.ha.internal;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;

/**
 * The mass-failure guard ({@code max.failed.fraction}): when more than that fraction of the monitored hosts, and at
 * least two, are in ERROR at once, the leader more likely lost its own link or CPU than they all died, so none of
 * them is fenced. Each is recorded at step HELD (the first raises {@code ZONE/MASS_FAILURE}) and waits until
 * enough hosts answer again, or an operator fences it ({@code ha:fence}) or declares it off
 * ({@code ha:confirm-off}). When the guard lets go, a host still in ERROR waits {@code wait.cycles} afresh
 * (step WAITING again) before it is fenced: the hosts come back over a monitoring round, and one not yet seen
 * answering must not be fenced in between.
 */
final class MassFailureGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MassFailureGuard.class);

    private final HaPolicy policy;
    private final RecoveryService recoveries;
    private boolean holding;
    private String why = "";

    MassFailureGuard(HaPolicy policy, RecoveryService recoveries) {
        this.policy = policy;
        this.recoveries = recoveries;
    }

    /** Looks at this round's hosts; true when the hosts in ERROR must not be fenced. */
    boolean holds(List<Host> hosts) {
        int failed = (int) hosts.stream().filter(h -> h.state() == HostState.ERROR).count();
        int watched = (int) hosts.stream().filter(h -> h.state() == HostState.ERROR
                || h.state() == HostState.MONITORED).count();
        boolean now = policy.massFailure(failed, watched);
        if (now && !holding) {
            why = failed + " of " + watched + " monitored hosts stopped answering at once (max.failed.fraction "
                    + policy.maxFailedFraction() + "): none is fenced until enough answer again, or an operator "
                    + "runs ha:fence or ha:confirm-off";
            LOG.error("mass failure: {}", why);
        } else if (!now && holding) {
            LOG.warn("mass failure over: {} of {} monitored hosts in ERROR", failed, watched);
        }
        holding = now;
        return now;
    }

    /** The step that sends a HELD host back to WAITING, its wait starting again, once the guard let go. */
    Optional<Runnable> release(Host host) {
        return Optional.of(() -> recoveries.record(host.id(), Steps.WAITING, 0, "the mass failure is over; fenced "
                + "if it does not answer within wait.cycles"));
    }

    /** The step that records a host HELD, or none when it is recorded so already. */
    Optional<Runnable> hold(Host host, Recovery recovery) {
        if (recovery != null && recovery.step().equals(Recovery.HELD)) {
            return Optional.empty();
        }
        String detail = why;
        return Optional.of(() -> recoveries.record(host.id(), Recovery.HELD, 0, detail));
    }
}
