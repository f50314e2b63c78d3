package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

import org.zonekeeper.api.VmSpec;

/** Adds a VM, placed on a host when the spec names one. */
public final class CreateVm extends ZoneCommand {

    private VmSpec spec;

    public CreateVm() {
    }

    public CreateVm(VmSpec spec) {
        this.spec = spec;
    }

    public VmSpec spec() {
        return spec;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, spec.name());
        out.writeInt(spec.cpu()).writeLong(spec.memoryMb()).writeLong(spec.diskMb());
        Wire.writeString(out, spec.template());
        Wire.writeString(out, spec.host());
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        spec = new VmSpec(Wire.readString(in), in.readInt(), in.readLong(), in.readLong(), Wire.readString(in),
                Wire.readString(in));
    }
}
