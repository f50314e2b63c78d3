package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Query;

import org.zonekeeper.model.ZoneModel;

/** A linearizable read of one part of the model through the leader. */
public final class Read implements Query<Answer>, CatalystSerializable {

    private ZoneModel.Part part;

    public Read() {
    }

    public Read(ZoneModel.Part part) {
        this.part = part;
    }

    public ZoneModel.Part part() {
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
        int ordinal = in.readByte();
        ZoneModel.Part[] parts = ZoneModel.Part.values();
        if (ordinal < 0 || ordinal >= parts.length) {
            throw new IllegalStateException("no model part " + ordinal);
        }
        part = parts[ordinal];
    }
}
