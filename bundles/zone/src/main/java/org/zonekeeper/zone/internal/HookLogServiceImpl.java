package org.zonekeeper.zone.internal;

import java.util.List;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.model.AdvanceCursor;
import org.zonekeeper.model.FinishHookExecution;
import org.zonekeeper.model.StartHookExecution;

/** The hook execution log and event cursors: writes through Raft, reads from the local database. */
final class HookLogServiceImpl implements HookLogService {

    private final ZoneMember node;

    HookLogServiceImpl(ZoneMember node) {
        this.node = node;
    }

    @Override
    public HookExecution start(String hook, ZoneEvent event, String arguments, int attempt, long retryOf) {
        return node.submit(new StartHookExecution(hook, event, arguments, attempt, retryOf)).item();
    }

    @Override
    public HookExecution finish(long id, HookExecution.State state, int exitCode, String stdout, String stderr,
            String reason) {
        return node.submit(new FinishHookExecution(id, state, exitCode, stdout, stderr, reason)).item();
    }

    @Override
    public List<HookExecution> list(int max) {
        return node.database().hookExecutions(max);
    }

    @Override
    public HookExecution get(long id) {
        return node.database().hookExecution(id).orElseThrow(() -> new NotFoundException("no hook execution " + id));
    }

    @Override
    public long cursor(String name) {
        return node.database().cursor(name);
    }

    @Override
    public void advance(String name, long eventId) {
        node.submit(new AdvanceCursor(name, eventId)).items();
    }
}
