package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

/** Enables or disables a host for placement. */
public final class SetHostEnabled extends RefCommand {

    private boolean enabled;

    public SetHostEnabled() {
    }

    public SetHostEnabled(String ref, boolean enabled) {
        super(ref);
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        super.writeObject(out, serializer);
        out.writeBoolean(enabled);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        super.readObject(in, serializer);
        enabled = in.readBoolean();
    }
}
