package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Adds a host; its id is the next of the replicated host sequence. */
public final class CreateHost extends ZoneCommand {

    private HostSpec spec;

    public CreateHost() {
    }

    public CreateHost(HostSpec spec) {
        this.spec = spec;
    }

    public HostSpec spec() {
        return spec;
    }

    @Override
    protected String subject() {
        return "host";
    }

    @Override
    protected void check(Validation v) {
        v.check(Field.HOST_NAME, spec.name()).check(Field.CLUSTER, spec.cluster()).check(Field.VMM, spec.vmmDriver())
                .check(Field.IM, spec.imDriver()).check(Field.ADDRESS, spec.address())
                .require(spec.cpu() > 0, "cpu: must be positive (" + spec.cpu() + ")")
                .require(spec.memoryMb() > 0, "memory: must be positive (" + spec.memoryMb() + " MB)");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, spec.name());
        Wire.writeString(out, spec.cluster());
        out.writeInt(spec.cpu()).writeLong(spec.memoryMb());
        Wire.writeString(out, spec.vmmDriver());
        Wire.writeString(out, spec.imDriver());
        Wire.writeString(out, spec.address());
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        spec = new HostSpec(Wire.readString(in), Wire.readString(in), in.readInt(), in.readLong(),
                Wire.readString(in), Wire.readString(in), Wire.readString(in));
    }
}
