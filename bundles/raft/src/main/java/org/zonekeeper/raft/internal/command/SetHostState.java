package org.zonekeeper.raft.internal.command;

import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

import org.zonekeeper.api.HostState;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        super.writeObject(out, serializer);
        Wire.writeEnumSet(out, from);
        out.writeByte(to.ordinal());
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        super.readObject(in, serializer);
        from = Wire.readEnumSet(in, HostState.class);
        to = HostState.values()[in.readByte()];
    }
}
