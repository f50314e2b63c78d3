package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import java.util.ArrayList;
import java.util.List;

import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Records the servers a zone was bootstrapped with; ignored once any is recorded. */
public final class RegisterServers extends ZoneCommand {

    private List<ZoneServer> servers;

    public RegisterServers() {
    }

    public RegisterServers(List<ZoneServer> servers) {
        this.servers = List.copyOf(servers);
    }

    public List<ZoneServer> servers() {
        return servers;
    }

    @Override
    protected void check(Validation v) {
        v.require(servers != null && !servers.isEmpty(), "servers: none given");
        if (servers != null) {
            for (ZoneServer s : servers) {
                v.require(s.id() >= 0, "server id: is negative").check(Field.SERVER_NAME, s.name())
                        .check(Field.ENDPOINT, s.endpoint());
            }
        }
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        out.writeInt(servers.size());
        servers.forEach(s -> Wire.writeServer(out, s));
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        List<ZoneServer> read = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            read.add(Wire.readServer(in));
        }
        servers = List.copyOf(read);
    }
}
