package org.zonekeeper.raft.internal.command;

import org.zonekeeper.api.fencing.FencingLevels;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Replaces a host's fencing levels. */
public final class SetFencingLevels extends RefCommand {

    private FencingLevels levels;

    public SetFencingLevels() {
    }

    public SetFencingLevels(String ref, FencingLevels levels) {
        super(ref);
        this.levels = levels;
    }

    public FencingLevels levels() {
        return levels;
    }

    @Override
    protected void check(Validation v) {
        super.check(v);
        v.require(levels != null, "fencing levels: are required");
        if (levels != null) {
            v.check(Field.FENCING_LEVELS, levels.format());
        }
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        super.writeFields(out);
        out.writeUTF8(levels.format());
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        super.readFields(in);
        levels = FencingLevels.parse(in.readUTF8());
    }
}
