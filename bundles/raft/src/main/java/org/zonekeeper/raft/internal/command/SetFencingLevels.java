package org.zonekeeper.raft.internal.command;

import org.zonekeeper.api.fencing.FencingLevels;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        super.writeObject(out, serializer);
        out.writeUTF8(levels.format());
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        super.readObject(in, serializer);
        levels = FencingLevels.parse(in.readUTF8());
    }
}
