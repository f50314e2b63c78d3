package org.zonekeeper.hooks.internal;

import org.zonekeeper.api.HookExecution;

/** How one hook run ended, as it is recorded in the hook log. */
record HookResult(HookExecution.State state, int exitCode, String stdout, String stderr, String reason) {

    static HookResult succeeded(int exitCode, String stdout, String stderr) {
        return new HookResult(HookExecution.State.SUCCEEDED, exitCode, stdout, stderr, "");
    }

    static HookResult failed(int exitCode, String stdout, String stderr, String reason) {
        return new HookResult(HookExecution.State.FAILED, exitCode, stdout, stderr, reason);
    }

    static HookResult failed(String reason) {
        return failed(-1, "", "", reason);
    }

    boolean ok() {
        return state == HookExecution.State.SUCCEEDED;
    }
}
