package org.zonekeeper.api;

/**
 * One run of one hook for one event, as recorded through Raft: written RUNNING before the hook starts, finished
 * with its outcome. An execution a leader failover interrupted is finished RETRIED by the next leader, which runs
 * the hook again as a new execution ({@code attempt} + 1, {@code retryOf} the interrupted one).
 */
public record HookExecution(long id, String hook, long eventId, String event, String objectType, long objectId,
        String objectName, String arguments, long started, long ended, State state, int exitCode, String stdout,
        String stderr, String reason, int attempt, long retryOf) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED, RETRIED
    }

    /** Output kept per stream, in characters. */
    public static final int MAX_OUTPUT = Field.OUTPUT.max();
}
