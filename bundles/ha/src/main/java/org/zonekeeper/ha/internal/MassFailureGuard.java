package org.zonekeeper.ha.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;

/**
 * The mass-failure guard ({@code max.failed.fraction}): when more than that fraction of the monitored hosts, and at
 * least two, are in ERROR at once, the leader more likely lost its own link or CPU than they all died, so none of
 * them is fenced on its view alone. Each is recorded at step HELD (the first raises {@code ZONE/MASS_FAILURE}) and
 * the other servers are asked for a second opinion ({@link SecondOpinions}, {@link Verdict}); what it says is written
 * into the held host's recovery detail, through Raft, before anything is done:
 * <ul>
 * <li>a host a majority of the servers cannot reach is recorded at step DOWN, then fenced as usual;</li>
 * <li>a host another server reaches stays HELD, also once the guard lets go: it is alive;</li>
 * <li>an undecided host stays HELD while the guard holds.</li>
 * </ul>
 * A held host also leaves HELD when it answers again, or when an operator fences it ({@code ha:fence}) or declares
 * it off ({@code ha:confirm-off}). When the guard lets go, an undecided host still in ERROR waits {@code wait.cycles}
 * afresh (step WAITING again) before it is fenced: the hosts come back over a monitoring round, and one not yet seen
 * answering must not be fenced in between.
 */
final class MassFailureGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MassFailureGuard.class);

    private final HaPolicy policy;
    private final RecoveryService recoveries;
    private final SecondOpinions opinions;
    private boolean holding;
    private String why = "";

    MassFailureGuard(HaPolicy policy, RecoveryService recoveries, SecondOpinions opinions) {
        this.policy = policy;
        this.recoveries = recoveries;
        this.opinions = opinions;
    }

    /**
     * Looks at this round's hosts and their recorded recoveries; true when the hosts in ERROR must not be fenced.
     * Asks for a second opinion on the HELD hosts when one is due (without waiting for it).
     */
    boolean holds(List<Host> hosts, Map<Long, Recovery> recorded) {
        int failed = (int) hosts.stream().filter(h -> h.state() == HostState.ERROR).count();
        int watched = (int) hosts.stream().filter(h -> h.state() == HostState.ERROR
                || h.state() == HostState.MONITORED).count();
        boolean now = policy.massFailure(failed, watched);
        if (now && !holding) {
            why = failed + " of " + watched + " monitored hosts stopped answering at once (max.failed.fraction "
                    + policy.maxFailedFraction() + "): none is fenced on the leader's view alone; the other servers "
                    + "are asked, or an operator runs ha:fence or ha:confirm-off";
            LOG.error("mass failure: {}", why);
        } else if (!now && holding) {
            LOG.warn("mass failure over: {} of {} monitored hosts in ERROR", failed, watched);
        }
        holding = now;
        opinions.askIfDue(hosts.stream().filter(h -> h.state() == HostState.ERROR)
                .filter(h -> recorded.containsKey(h.id()) && recorded.get(h.id()).step().equals(Recovery.HELD))
                .toList());
        return now;
    }

    /** While the guard holds: the step recording a host HELD (with the latest second opinion) or DOWN; none if so. */
    Optional<Runnable> hold(Host host, Recovery recovery) {
        return heldOr(host, recovery, Optional.empty());
    }

    /**
     * Once the guard let go, for a HELD host: DOWN or still HELD as the second opinion says, otherwise back to
     * WAITING, its wait starting again.
     */
    Optional<Runnable> release(Host host, Recovery recovery) {
        return heldOr(host, recovery, Optional.of(() -> recoveries.record(host.id(), Steps.WAITING, 0,
                "the mass failure is over; fenced if it does not answer within wait.cycles")));
    }

    /** The step the second opinion calls for; {@code undecided} when it has nothing for a host. */
    private Optional<Runnable> heldOr(Host host, Recovery recovery, Optional<Runnable> undecided) {
        boolean held = recovery != null && recovery.step().equals(Recovery.HELD);
        Verdict verdict = held ? opinions.latest() : null;
        Verdict.Call call = verdict == null ? Verdict.Call.UNKNOWN : verdict.call(host.id());
        if (call == Verdict.Call.DOWN) {
            String detail = verdict.detail(host.id());
            return Optional.of(() -> {
                LOG.warn("host {}: {}", host.name(), detail);
                recoveries.record(host.id(), Steps.DOWN, 0, detail);
            });
        }
        if (call == Verdict.Call.UNKNOWN && !undecided.isEmpty()) {
            return undecided;
        }
        // the second opinion first: ha:status shows the start of a detail
        String detail = verdict == null ? why : verdict.detail(host.id()) + "; " + why;
        if (held && recovery.detail().equals(Field.REASON.fit(detail))) {
            return Optional.empty();
        }
        return Optional.of(() -> recoveries.record(host.id(), Recovery.HELD, 0, detail));
    }
}
