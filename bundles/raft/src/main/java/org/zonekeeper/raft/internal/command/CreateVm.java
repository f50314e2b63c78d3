package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

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
    protected String subject() {
        return "VM";
    }

    @Override
    protected void check(Validation v) {
        v.check(Field.VM_NAME, spec.name()).check(Field.TEMPLATE, spec.template())
                .require(spec.cpu() > 0, "cpu: must be positive (" + spec.cpu() + ")")
                .require(spec.memoryMb() > 0, "memory: must be positive (" + spec.memoryMb() + " MB)")
                .require(spec.diskMb() >= 0, "disk: is negative (" + spec.diskMb() + " MB)");
        if (spec.host() != null && !spec.host().isEmpty()) {
            v.reference(spec.host());
        }
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, spec.name());
        out.writeInt(spec.cpu()).writeLong(spec.memoryMb()).writeLong(spec.diskMb());
        Wire.writeString(out, spec.template());
        Wire.writeString(out, spec.host());
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        spec = new VmSpec(Wire.readString(in), in.readInt(), in.readLong(), in.readLong(), Wire.readString(in),
                Wire.readString(in));
    }
}
