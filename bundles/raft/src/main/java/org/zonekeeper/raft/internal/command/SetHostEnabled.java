package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

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
    protected void writeFields(BufferOutput<?> out) {
        super.writeFields(out);
        out.writeBoolean(enabled);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        super.readFields(in);
        enabled = in.readBoolean();
    }
}
