package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ZoneServer;

@Command(scope = "zone", name = "server-add", description = "Adds a new, empty server to the zone; start it with "
        + "join = true and it catches up by itself")
@Service
public class ZoneServerAdd extends ZoneAdminSupport {

    @Argument(index = 0, name = "name", description = "Server name", required = true)
    String name;

    @Argument(index = 1, name = "endpoint", description = "Its Raft endpoint HOST:PORT", required = true)
    String endpoint;

    @Override
    public Object execute() {
        ZoneServer server = zone().addServer(name, endpoint);
        System.out.println("ID: " + server.id());
        return null;
    }
}
