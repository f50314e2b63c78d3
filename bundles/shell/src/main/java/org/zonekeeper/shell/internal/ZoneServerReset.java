package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "zone", name = "server-reset", description = "Resynchronises a server whose database was replaced")
@Service
public class ZoneServerReset extends ZoneAdminSupport {

    @Argument(name = "id", description = "Server id", required = true)
    @Completion(ServerCompleter.class)
    int id;

    @Override
    public Object execute() {
        zone().resetServer(id);
        System.out.println("server " + id + " is resynchronising");
        return null;
    }
}
