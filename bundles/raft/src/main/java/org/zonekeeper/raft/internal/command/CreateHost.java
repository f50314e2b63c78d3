package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

import org.zonekeeper.api.HostSpec;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, spec.name());
        Wire.writeString(out, spec.cluster());
        out.writeInt(spec.cpu()).writeLong(spec.memoryMb());
        Wire.writeString(out, spec.vmmDriver());
        Wire.writeString(out, spec.imDriver());
        Wire.writeString(out, spec.address());
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        spec = new HostSpec(Wire.readString(in), Wire.readString(in), in.readInt(), in.readLong(),
                Wire.readString(in), Wire.readString(in), Wire.readString(in));
    }
}
