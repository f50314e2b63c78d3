package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Moves an event consumer's cursor forward. */
public final class AdvanceCursor extends ZoneCommand {

    private String name;
    private long eventId;

    public AdvanceCursor() {
    }

    public AdvanceCursor(String name, long eventId) {
        this.name = name;
        this.eventId = eventId;
    }

    public String name() {
        return name;
    }

    public long eventId() {
        return eventId;
    }

    @Override
    protected void check(Validation v) {
        v.check(Field.CURSOR, name).require(eventId >= 0, "event id: is negative");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, name);
        out.writeLong(eventId);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        name = Wire.readString(in);
        eventId = in.readLong();
    }
}
