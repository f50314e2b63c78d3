package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

/** Adds a front-end server to the zone's server list; its id is the next free one. */
public final class AddServer extends ZoneCommand {

    private String name;
    private String endpoint;

    public AddServer() {
    }

    public AddServer(String name, String endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    public String name() {
        return name;
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        Wire.writeString(out, name);
        Wire.writeString(out, endpoint);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        name = Wire.readString(in);
        endpoint = Wire.readString(in);
    }
}
