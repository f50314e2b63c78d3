package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;
import org.zonekeeper.api.ZoneEvent;

/** Records a hook execution RUNNING before the hook runs. */
public record StartHookExecution(String requestId, String hook, ZoneEvent event, String arguments, int attempt,
        long retryOf) implements ZoneCommand {

    public StartHookExecution(String hook, ZoneEvent event, String arguments, int attempt, long retryOf) {
        this(ZoneCommand.newRequestId(), hook, event, arguments, attempt, retryOf);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.check(Field.HOOK_NAME, hook).require(hook != null && !hook.isEmpty(), "hook name: is required")
                .require(event != null, "event: is required").require(attempt > 0, "attempt: must be positive");
        if (event != null) {
            v.check(Field.EVENT, event.name()).require(event.name() != null && !event.name().isEmpty(),
                    "event: is required").check(Field.OBJECT_TYPE, event.objectType())
                    .check(Field.REFERENCE, event.objectName());
        }
    }

    @Override
    public void write(Writer out) {
        out.text(hook).event(event).text(arguments).i32(attempt).i64(retryOf);
    }

    static StartHookExecution read(Reader in, String requestId) {
        return new StartHookExecution(requestId, in.text(), in.event(), in.text(), in.i32(), in.i64());
    }
}
