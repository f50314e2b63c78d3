package org.zonekeeper.raft.internal.command;

import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

import org.zonekeeper.api.VmState;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        super.writeObject(out, serializer);
        Wire.writeString(out, host);
        Wire.writeEnumSet(out, from);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        super.readObject(in, serializer);
        host = Wire.readString(in);
        from = Wire.readEnumSet(in, VmState.class);
    }
}
