package org.zonekeeper.raft.internal.command;

import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.VmState;
import org.zonekeeper.api.Validation;

/** Places a VM on a host for deployment (DEPLOYING), only from the VM states named. */
public final class PlaceVm extends RefCommand {

    private String host;
    private Set<VmState> from;

    public PlaceVm() {
    }

    public PlaceVm(String ref, String host, Set<VmState> from) {
        super(ref);
        this.host = host;
        this.from = Set.copyOf(from);
    }

    public String host() {
        return host;
    }

    public Set<VmState> from() {
        return from;
    }

    @Override
    protected void check(Validation v) {
        super.check(v);
        v.reference(host).require(from != null && !from.isEmpty(), "from: names no state");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        super.writeFields(out);
        Wire.writeString(out, host);
        Wire.writeEnumSet(out, from);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        super.readFields(in);
        host = Wire.readString(in);
        from = Wire.readEnumSet(in, VmState.class);
    }
}
