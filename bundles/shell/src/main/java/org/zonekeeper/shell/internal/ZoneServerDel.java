package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "zone", name = "server-del", description = "Removes a server from the zone and its majority")
@Service
public class ZoneServerDel extends ZoneAdminSupport {

    @Argument(name = "id", description = "Server id", required = true)
    @Completion(ServerCompleter.class)
    int id;

    @Override
    public Object execute() {
        zone().deleteServer(id);
        return null;
    }
}
