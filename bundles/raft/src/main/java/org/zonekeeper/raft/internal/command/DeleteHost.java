package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

/** Removes a host that runs no VM. */
public final class DeleteHost extends ZoneCommand {

    private String ref;

    public DeleteHost() {
    }

    public DeleteHost(String ref) {
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, ref);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        ref = Wire.readString(in);
    }
}
