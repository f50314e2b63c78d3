package org.zonekeeper.model;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Validation;

/** Records how a hook execution ended; the output kept is its end, where errors usually are. */
public record FinishHookExecution(String requestId, long id, HookExecution.State state, int exitCode, String stdout,
        String stderr, String reason) implements ZoneCommand {

    public FinishHookExecution(long id, HookExecution.State state, int exitCode, String stdout, String stderr,
            String reason) {
        this(ZoneCommand.newRequestId(), id, state, exitCode, tail(stdout), tail(stderr), reason == null ? "" : reason);
    }

    private static String tail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= HookExecution.MAX_OUTPUT ? text
                : text.substring(text.length() - HookExecution.MAX_OUTPUT);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.require(id > 0, "hook execution id: must be positive")
                .require(state != null && state != HookExecution.State.RUNNING, "state: must be an end state");
    }

    @Override
    public void write(Writer out) {
        out.i64(id).enumValue(state).i32(exitCode).text(stdout).text(stderr).text(reason);
    }

    static FinishHookExecution read(Reader in, String requestId) {
        return new FinishHookExecution(requestId, in.i64(), in.enumValue(HookExecution.State.class), in.i32(),
                in.text(), in.text(), in.text());
    }
}
