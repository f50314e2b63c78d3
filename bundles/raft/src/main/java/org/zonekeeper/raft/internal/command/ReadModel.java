package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Query;

/** A linearizable read of one part of the model, answered by the leader. */
public final class ReadModel implements Query<Outcome>, CatalystSerializable {

    public enum Part { HOSTS, VMS, SERVERS }

    private Part part;

    public ReadModel() {
    }

    public ReadModel(Part part) {
        this.part = part;
    }

    public Part part() {
        return part;
    }

    @Override
    public ConsistencyLevel consistency() {
        return ConsistencyLevel.LINEARIZABLE;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeByte(part.ordinal());
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        part = Part.values()[in.readByte()];
    }
}
