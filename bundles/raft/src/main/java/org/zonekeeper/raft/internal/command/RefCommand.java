package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import java.util.Set;

import org.zonekeeper.api.Validation;

/** A command about one host or VM, named by id or name as the operator gave it. */
public abstract class RefCommand extends ZoneCommand {

    private String ref;

    protected RefCommand() {
    }

    protected RefCommand(String ref) {
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }

    @Override
    protected void check(Validation v) {
        v.reference(ref);
    }

    /** For the commands that move their object from one of some states to another. */
    protected static void checkTransition(Validation v, Set<?> from, Object to) {
        v.require(from != null && !from.isEmpty(), "from: names no state").require(to != null, "to: is required");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, ref);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        ref = Wire.readString(in);
    }
}
