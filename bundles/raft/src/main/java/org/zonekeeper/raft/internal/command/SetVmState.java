package org.zonekeeper.raft.internal.command;

import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.VmState;
import org.zonekeeper.api.Validation;

/** Moves a VM to a state, only from the states named and, unless {@code hostId} is 0, only on that host. */
public final class SetVmState extends RefCommand {

    private Set<VmState> from;
    private VmState to;
    private long hostId;

    public SetVmState() {
    }

    public SetVmState(String ref, Set<VmState> from, VmState to, long hostId) {
        super(ref);
        this.from = Set.copyOf(from);
        this.to = to;
        this.hostId = hostId;
    }

    public Set<VmState> from() {
        return from;
    }

    public VmState to() {
        return to;
    }

    public long hostId() {
        return hostId;
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
        out.writeByte(to.ordinal()).writeLong(hostId);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        super.readFields(in);
        from = Wire.readEnumSet(in, VmState.class);
        to = VmState.values()[in.readByte()];
        hostId = in.readLong();
    }
}
