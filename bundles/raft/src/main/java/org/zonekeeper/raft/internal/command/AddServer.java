package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

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
    protected String subject() {
        return "server";
    }

    @Override
    protected void check(Validation v) {
        v.check(Field.SERVER_NAME, name).check(Field.ENDPOINT, endpoint)
                .require(endpoint != null && !endpoint.isEmpty(), "endpoint: is required");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        Wire.writeString(out, name);
        Wire.writeString(out, endpoint);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        name = Wire.readString(in);
        endpoint = Wire.readString(in);
    }
}
