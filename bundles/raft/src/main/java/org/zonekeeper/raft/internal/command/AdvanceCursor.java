package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, name);
        out.writeLong(eventId);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        name = Wire.readString(in);
        eventId = in.readLong();
    }
}
