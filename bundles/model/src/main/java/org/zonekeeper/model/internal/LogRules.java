package org.zonekeeper.model.internal;

import java.util.List;
import java.util.Optional;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.model.FinishHookExecution;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.RecordRecovery;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How the hook execution log, event cursors and recoveries change. Text produced by hooks and services (arguments,
 * output, reasons, details) is made to fit its column ({@link Field#fit}), never refused.
 */
public final class LogRules {
    /** Hook executions kept. */
    static final long KEPT = 10_000;

    private LogRules() {
    }

    public static Outcome startHook(ZoneTransaction tx, String hook, ZoneEvent e, String arguments, int attempt,
            long retryOf, long time) {
        long id = tx.nextId("hook_exec", 1);
        HookExecution h = new HookExecution(id, hook, e.id(), e.name(), e.objectType(), e.objectId(), e.objectName(),
                Field.ARGUMENTS.fit(arguments), time, 0, HookExecution.State.RUNNING, -1, "", "", "", attempt,
                retryOf);
        tx.putHookExecution(h);
        if (id % 1000 == 0) {
            tx.pruneHookExecutions(id - KEPT);
        }
        return Outcome.hookExecution(h);
    }

    public static Outcome finishHook(ZoneTransaction tx, FinishHookExecution f, long time) {
        Optional<HookExecution> found = tx.hookExecution(f.id());
        if (found.isEmpty()) {
            return Outcome.notFound("no hook execution " + f.id());
        }
        HookExecution h = found.get();
        if (h.state() != HookExecution.State.RUNNING) {
            // a deposed leader finishing what its successor already marked RETRIED
            return Outcome.refused("hook execution " + h.id() + " is already " + h.state());
        }
        HookExecution done = new HookExecution(h.id(), h.hook(), h.eventId(), h.event(), h.objectType(), h.objectId(),
                h.objectName(), h.arguments(), h.started(), time, f.state(), f.exitCode(), Field.OUTPUT.fit(f.stdout()),
                Field.OUTPUT.fit(f.stderr()), Field.REASON.fit(f.reason()), h.attempt(), h.retryOf());
        tx.putHookExecution(done);
        return Outcome.hookExecution(done);
    }

    public static Outcome advance(ZoneTransaction tx, String name, long eventId) {
        if (eventId > tx.cursor(name)) {
            tx.putCursor(name, eventId);
        }
        return Outcome.none();
    }

    public static Outcome record(ZoneTransaction tx, RecordRecovery r, long time) {
        if (r.isEnd()) {
            tx.deleteRecovery(r.hostId());
            return Outcome.recovery(Optional.empty());
        }
        Optional<Host> host = tx.host(r.hostId());
        if (host.isEmpty()) {
            return Outcome.notFound("no host with id " + r.hostId());
        }
        if (r.step().equals(Recovery.FENCING) && host.get().state() != HostState.FENCING
                && tx.leaderTerm() > 0) {
            // entries of the version before RecordFencing: the step written before a power-off
            return Outcome.refused("host " + host.get().name() + " is " + host.get().state() + ", not FENCING: "
                    + "it is not powered off");
        }
        List<Recovery> all = tx.recoveries();
        if (r.step().equals(Recovery.HELD) && all.stream().noneMatch(x -> x.step().equals(Recovery.HELD))) {
            EventLog.zone(tx, "MASS_FAILURE", host.get(), time);
        }
        return Outcome.recovery(Optional.of(FencingRules.putRecovery(tx, host.get(), r.step(), r.attempts(),
                r.detail(), time)));
    }
}
