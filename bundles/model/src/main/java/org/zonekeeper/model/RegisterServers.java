package org.zonekeeper.model;

import java.util.ArrayList;
import java.util.List;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;
import org.zonekeeper.api.ZoneServer;

/** Records the bootstrap servers, once: the first leader's, later ones find them recorded. */
public record RegisterServers(String requestId, List<ZoneServer> servers) implements ZoneCommand {

    public RegisterServers(List<ZoneServer> servers) {
        this(ZoneCommand.newRequestId(), List.copyOf(servers));
    }

    @Override
    public void check(Validation v) {
        v.require(servers != null && !servers.isEmpty(), "servers: none given");
        if (servers != null) {
            for (ZoneServer s : servers) {
                v.require(s.id() >= 0, "server id: is negative").check(Field.SERVER_NAME, s.name())
                        .check(Field.ENDPOINT, s.endpoint());
            }
        }
    }

    @Override
    public void write(Writer out) {
        out.i32(servers.size());
        servers.forEach(out::server);
    }

    static RegisterServers read(Reader in, String requestId) {
        List<ZoneServer> read = new ArrayList<>();
        for (int n = in.i32(); n > 0; n--) {
            read.add(in.server());
        }
        return new RegisterServers(requestId, List.copyOf(read));
    }
}
