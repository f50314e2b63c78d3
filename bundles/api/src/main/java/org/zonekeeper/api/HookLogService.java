package org.zonekeeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The replicated hook execution log and event cursors. Writes go through Raft; reads are local. */
@ProviderType
public interface HookLogService {

    /** Records a hook about to run (state RUNNING); returns the execution with its id. */
    HookExecution start(String hook, ZoneEvent event, String arguments, int attempt, long retryOf);

    /** Records how an execution ended; output is cut to {@link HookExecution#MAX_OUTPUT} per stream. */
    HookExecution finish(long id, HookExecution.State state, int exitCode, String stdout, String stderr,
            String reason);

    /** Executions, newest first, at most {@code max}. */
    List<HookExecution> list(int max);

    HookExecution get(long id);

    /** The last event id a consumer has handled (0 if none). */
    long cursor(String name);

    /** Moves a consumer's cursor forward (never back). */
    void advance(String name, long eventId);
}
