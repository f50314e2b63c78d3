package org.zonekeeper.raft.internal.command;

import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Validation;

/** Moves a host to a state, only from the states named. */
public final class SetHostState extends RefCommand {

    private Set<HostState> from;
    private HostState to;

    public SetHostState() {
    }

    public SetHostState(String ref, Set<HostState> from, HostState to) {
        super(ref);
        this.from = Set.copyOf(from);
        this.to = to;
    }

    public Set<HostState> from() {
        return from;
    }

    public HostState to() {
        return to;
    }

    @Override
    protected void check(Validation v) {
        super.check(v);
        checkTransition(v, from, to);
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        super.writeFields(out);
        Wire.writeEnumSet(out, from);
        out.writeByte(to.ordinal());
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        super.readFields(in);
        from = Wire.readEnumSet(in, HostState.class);
        to = HostState.values()[in.readByte()];
    }
}
