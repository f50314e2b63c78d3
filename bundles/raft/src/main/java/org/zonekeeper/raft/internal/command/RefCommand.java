package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

/** A command about one host or VM, named by id or name as the operator gave it. */
public abstract class RefCommand extends ZoneCommand {

    private String ref;

    protected RefCommand() {
    }

    protected RefCommand(String ref) {
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
