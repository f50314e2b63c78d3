package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;
import org.zonekeeper.api.VmSpec;

/** Adds a VM, placed on {@code spec.host()} when one is given. */
public record CreateVm(String requestId, VmSpec spec) implements ZoneCommand {

    public CreateVm(VmSpec spec) {
        this(ZoneCommand.newRequestId(), spec);
    }

    @Override
    public String subject() {
        return "VM";
    }

    @Override
    public void check(Validation v) {
        v.check(Field.VM_NAME, spec.name()).check(Field.TEMPLATE, spec.template())
                .require(spec.cpu() > 0, "cpu: must be positive (" + spec.cpu() + ")")
                .require(spec.memoryMb() > 0, "memory: must be positive (" + spec.memoryMb() + " MB)")
                .require(spec.diskMb() >= 0, "disk: is negative (" + spec.diskMb() + " MB)");
        if (spec.host() != null && !spec.host().isEmpty()) {
            v.reference(spec.host());
        }
    }

    @Override
    public void write(Writer out) {
        out.text(spec.name()).i32(spec.cpu()).i64(spec.memoryMb()).i64(spec.diskMb()).text(spec.template())
                .text(spec.host());
    }

    static CreateVm read(Reader in, String requestId) {
        return new CreateVm(requestId, new VmSpec(in.text(), in.i32(), in.i64(), in.i64(), in.text(), in.text()));
    }
}
