package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Records a hook about to run for an event. */
public final class StartHookExecution extends ZoneCommand {

    private String hook;
    private ZoneEvent event;
    private String arguments;
    private int attempt;
    private long retryOf;

    public StartHookExecution() {
    }

    public StartHookExecution(String hook, ZoneEvent event, String arguments, int attempt, long retryOf) {
        this.hook = hook;
        this.event = event;
        this.arguments = arguments;
        this.attempt = attempt;
        this.retryOf = retryOf;
    }

    public String hook() {
        return hook;
    }

    public ZoneEvent event() {
        return event;
    }

    public String arguments() {
        return arguments;
    }

    public int attempt() {
        return attempt;
    }

    public long retryOf() {
        return retryOf;
    }

    @Override
    protected void check(Validation v) {
        v.check(Field.HOOK_NAME, hook).require(hook != null && !hook.isEmpty(), "hook name: is required")
                .require(event != null, "event: is required").require(attempt > 0, "attempt: must be positive");
        if (event != null) {
            v.check(Field.EVENT, event.name()).require(event.name() != null && !event.name().isEmpty(),
                    "event: is required").check(Field.OBJECT_TYPE, event.objectType())
                    .check(Field.REFERENCE, event.objectName());
        }
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, hook);
        out.writeLong(event.id()).writeLong(event.time());
        Wire.writeString(out, event.name());
        Wire.writeString(out, event.objectType());
        out.writeLong(event.objectId());
        Wire.writeString(out, event.objectName());
        Wire.writeString(out, arguments);
        out.writeInt(attempt).writeLong(retryOf);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        hook = Wire.readString(in);
        event = new ZoneEvent(in.readLong(), in.readLong(), Wire.readString(in), Wire.readString(in), in.readLong(),
                Wire.readString(in));
        arguments = Wire.readString(in);
        attempt = in.readInt();
        retryOf = in.readLong();
    }
}
