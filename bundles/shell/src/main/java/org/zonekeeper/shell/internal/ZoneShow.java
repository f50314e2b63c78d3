package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneServer;

@Command(scope = "zone", name = "show", description = "Shows the zone's servers and their Raft state, asked from here")
@Service
public class ZoneShow extends ZoneAdminSupport {

    @Override
    public Object execute() {
        ShellTable servers = new ShellTable();
        servers.column("ID");
        servers.column("NAME");
        servers.column("ENDPOINT");
        for (ZoneServer s : zone().servers()) {
            servers.addRow().addContent(s.id(), s.name(), s.endpoint());
        }
        System.out.println("ZONE SERVERS");
        servers.print(System.out);

        ShellTable status = new ShellTable();
        for (String column : new String[] {"ID", "NAME", "STATE", "TERM", "INDEX", "COMMIT", "VOTE", "FED_INDEX"}) {
            status.column(column);
        }
        for (ServerStatus s : zone().status()) {
            if (s.reachable()) {
                status.addRow().addContent(s.id(), s.name(), s.state(), s.term(), s.index(), s.commit(), s.vote(),
                        s.fedIndex());
            } else {
                status.addRow().addContent(s.id(), s.name(), s.state(), "-", "-", "-", "-", "-");
            }
        }
        System.out.println();
        System.out.println("HA & FEDERATION SYNC STATUS");
        status.print(System.out);
        return null;
    }
}
