package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

/** Enables or disables a host for placement. */
public final class SetHostEnabled extends ZoneCommand {

    private String ref;
    private boolean enabled;

    public SetHostEnabled() {
    }

    public SetHostEnabled(String ref, boolean enabled) {
        this.ref = ref;
        this.enabled = enabled;
    }

    public String ref() {
        return ref;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, ref);
        out.writeBoolean(enabled);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        ref = Wire.readString(in);
        enabled = in.readBoolean();
    }
}
