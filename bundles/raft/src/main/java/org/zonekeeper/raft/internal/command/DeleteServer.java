package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Validation;

/** Removes a front-end server from the zone's server list. */
public final class DeleteServer extends ZoneCommand {

    private int id;

    public DeleteServer() {
    }

    public DeleteServer(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    @Override
    protected void check(Validation v) {
        v.require(id >= 0, "server id: is negative");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        out.writeInt(id);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        id = in.readInt();
    }
}
