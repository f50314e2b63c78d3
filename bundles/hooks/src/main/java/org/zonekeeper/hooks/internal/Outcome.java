package org.zonekeeper.hooks.internal;

import org.zonekeeper.api.HookExecution;

/** How one hook run ended, as it is recorded in the hook log. */
record Outcome(HookExecution.State state, int exitCode, String stdout, String stderr, String reason) {

    static Outcome succeeded(int exitCode, String stdout, String stderr) {
        return new Outcome(HookExecution.State.SUCCEEDED, exitCode, stdout, stderr, "");
    }

    static Outcome failed(int exitCode, String stdout, String stderr, String reason) {
        return new Outcome(HookExecution.State.FAILED, exitCode, stdout, stderr, reason);
    }

    static Outcome failed(String reason) {
        return failed(-1, "", "", reason);
    }

    boolean ok() {
        return state == HookExecution.State.SUCCEEDED;
    }
}
