package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.Validation;

/** Adds a host; its id is the next of the replicated host sequence. */
public record CreateHost(String requestId, HostSpec spec) implements ZoneCommand {

    public CreateHost(HostSpec spec) {
        this(ZoneCommand.newRequestId(), spec);
    }

    @Override
    public String subject() {
        return "host";
    }

    @Override
    public void check(Validation v) {
        v.check(Field.HOST_NAME, spec.name()).check(Field.CLUSTER, spec.cluster()).check(Field.VMM, spec.vmmDriver())
                .check(Field.IM, spec.imDriver()).check(Field.ADDRESS, spec.address())
                .require(spec.cpu() > 0, "cpu: must be positive (" + spec.cpu() + ")")
                .require(spec.memoryMb() > 0, "memory: must be positive (" + spec.memoryMb() + " MB)");
    }

    @Override
    public void write(Writer out) {
        out.text(spec.name()).text(spec.cluster()).i32(spec.cpu()).i64(spec.memoryMb()).text(spec.vmmDriver())
                .text(spec.imDriver()).text(spec.address());
    }

    static CreateHost read(Reader in, String requestId) {
        return new CreateHost(requestId, new HostSpec(in.text(), in.text(), in.i32(), in.i64(), in.text(), in.text(),
                in.text()));
    }
}
