package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

import java.util.ArrayList;
import java.util.List;

import org.zonekeeper.api.ZoneServer;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeInt(servers.size());
        servers.forEach(s -> Wire.writeServer(out, s));
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        List<ZoneServer> read = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            read.add(Wire.readServer(in));
        }
        servers = List.copyOf(read);
    }
}
