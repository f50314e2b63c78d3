package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeInt(id);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        id = in.readInt();
    }
}
