package org.zonekeeper.model.internal;

import java.util.Optional;
import java.util.Set;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.RecordFencing;
import org.zonekeeper.model.References;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How a host leaves FENCING: through its own fencing attempt (power-off sent, confirmed OFF, failed), or by an
 * operator's declaration that it is off. Entering FENCING gives the host a new attempt id ({@link HaRules}).
 */
public final class FencingRules {

    /** The recovery step of a host an operator declared off (see {@code DeclareHostOff}). */
    public static final String DECLARED_OFF = "DECLARED_OFF";

    /** States in which an operator may declare a host off: it does not answer, and no OFF was confirmed. */
    private static final Set<HostState> UNANSWERED = Set.of(HostState.ERROR, HostState.FENCING,
            HostState.FENCE_FAILED);

    private FencingRules() {
    }

    /**
     * Records a step of a fencing attempt. Refused unless the host is FENCING under that attempt; a confirmed OFF
     * repeated once the host is FENCED under it is taken as done.
     */
    public static Outcome record(ZoneTransaction tx, RecordFencing r, long time) {
        Optional<Host> found = tx.host(r.hostId());
        if (found.isEmpty()) {
            return Outcome.notFound("no host with id " + r.hostId());
        }
        Host host = found.get();
        boolean current = host.fencingAttempt() == r.attempt();
        if (current && host.state() == HostState.FENCED && r.step() == FencingStep.CONFIRMED_OFF) {
            return Outcome.host(host);
        }
        if (!current || host.state() != HostState.FENCING) {
            return Outcome.refused("host " + host.name() + " is " + host.state() + " (fencing attempt "
                    + host.fencingAttempt() + "), not FENCING under attempt " + r.attempt() + ": "
                    + (r.step() == FencingStep.POWERING_OFF ? "it is not powered off" : "this result is not its"));
        }
        String detail = "attempt " + r.attempt() + ": " + r.detail();
        return switch (r.step()) {
            case POWERING_OFF -> {
                putRecovery(tx, host, Recovery.FENCING, r.tries(), detail, time);
                yield Outcome.host(host);
            }
            case CONFIRMED_OFF -> Outcome.host(off(tx, host, time));
            case FAILED -> {
                putRecovery(tx, host, Recovery.FENCE_FAILED, r.tries(), detail, time);
                yield Outcome.host(put(tx, host.withState(HostState.FENCE_FAILED, time), time));
            }
        };
    }

    /**
     * An operator declares a host off: FENCED and disabled, its recovery at step DECLARED_OFF naming the operator.
     * Refused while the host answers probes (or was never monitored): only a host that stopped answering can be.
     */
    public static Outcome declareOff(ZoneTransaction tx, String ref, String operator, long time) {
        Optional<Host> found = ZoneRules.host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host host = found.get();
        if (host.state() == HostState.FENCED) {
            return Outcome.host(host);
        }
        if (!UNANSWERED.contains(host.state())) {
            return Outcome.refused("host " + host.name() + " is " + host.state() + ": only a host that stopped "
                    + "answering (ERROR, FENCING, FENCE_FAILED) can be declared off");
        }
        int attempts = recoveryOf(tx, host).map(Recovery::attempts).orElse(0);
        putRecovery(tx, host, DECLARED_OFF, attempts, Recovery.DECLARED_OFF_BY + operator
                + " (its BMC could not confirm it)", time);
        EventLog.api(tx, "DeclareHostOff", "HOST", host.id(), host.name(), time);
        return Outcome.host(off(tx, host, time));
    }

    /** FENCED, and disabled: a fenced host comes back only when an operator enables it, known healthy. */
    private static Host off(ZoneTransaction tx, Host host, long time) {
        return put(tx, host.withState(HostState.FENCED, time).withEnabled(false, time), time);
    }

    /** Writes the changed host and its state to the event log. */
    private static Host put(ZoneTransaction tx, Host changed, long time) {
        tx.putHost(changed);
        EventLog.host(tx, changed, time);
        return changed;
    }

    private static Optional<Recovery> recoveryOf(ZoneTransaction tx, Host host) {
        return tx.recoveries().stream().filter(r -> r.hostId() == host.id()).findFirst();
    }

    /** Writes the host's recovery at {@code step}, keeping when it started (now, if it had none). */
    static Recovery putRecovery(ZoneTransaction tx, Host host, String step, int attempts, String detail, long time) {
        long started = recoveryOf(tx, host).map(Recovery::started).orElse(time);
        Recovery recovery = new Recovery(host.id(), host.name(), step, attempts, started, time,
                Field.REASON.fit(detail));
        tx.putRecovery(recovery);
        return recovery;
    }
}
