package org.zonekeeper.raft.internal;

import java.util.Optional;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.store.ZoneTransaction;
import org.zonekeeper.raft.internal.command.FinishHookExecution;
import org.zonekeeper.raft.internal.command.RecordRecovery;

/** How the hook execution log, event cursors and recoveries change. */
final class LogRules {
    /** Hook executions kept. */
    static final long KEPT = 10_000;

    private LogRules() {
    }

    static HookExecution startHook(ZoneTransaction tx, String hook, ZoneEvent e, String arguments, int attempt,
            long retryOf, long time) {
        long id = tx.nextId("hook_exec", 1);
        HookExecution h = new HookExecution(id, hook, e.id(), e.name(), e.objectType(), e.objectId(), e.objectName(),
                arguments.length() > 4000 ? arguments.substring(0, 4000) : arguments, time, 0,
                HookExecution.State.RUNNING, -1, "", "", "", attempt, retryOf);
        tx.putHookExecution(h);
        if (id % 1000 == 0) {
            tx.pruneHookExecutions(id - KEPT);
        }
        return h;
    }

    static HookExecution finishHook(ZoneTransaction tx, FinishHookExecution f, long time) {
        HookExecution h = tx.hookExecution(f.id())
                .orElseThrow(() -> new NotFoundException("no hook execution " + f.id()));
        if (h.state() != HookExecution.State.RUNNING) {
            // a deposed leader finishing what its successor already marked RETRIED
            throw new ZoneException("hook execution " + h.id() + " is already " + h.state());
        }
        HookExecution done = new HookExecution(h.id(), h.hook(), h.eventId(), h.event(), h.objectType(), h.objectId(),
                h.objectName(), h.arguments(), h.started(), time, f.state(), f.exitCode(), f.stdout(), f.stderr(),
                f.reason(), h.attempt(), h.retryOf());
        tx.putHookExecution(done);
        return done;
    }

    static void advance(ZoneTransaction tx, String name, long eventId) {
        if (eventId > tx.cursor(name)) {
            tx.putCursor(name, eventId);
        }
    }

    static Optional<Recovery> record(ZoneTransaction tx, RecordRecovery r, long time) {
        if (r.isEnd()) {
            tx.deleteRecovery(r.hostId());
            return Optional.empty();
        }
        Host host = tx.host(r.hostId()).orElseThrow(() -> new NotFoundException("no host with id " + r.hostId()));
        long started = tx.recoveries().stream().filter(x -> x.hostId() == r.hostId()).mapToLong(Recovery::started)
                .findFirst().orElse(time);
        Recovery recovery = new Recovery(host.id(), host.name(), r.step(), r.attempts(), started, time, r.detail());
        tx.putRecovery(recovery);
        return Optional.of(recovery);
    }
}
