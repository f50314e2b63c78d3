package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.ZoneException;

@Command(scope = "ha", name = "status", description = "Shows the host recoveries in progress and their step")
@Service
public class HaStatus extends ZoneActionSupport {

    @Reference(optional = true)
    RecoveryService recoveries;

    @Override
    public Object execute() {
        if (recoveries == null) {
            throw new ZoneException("the zone server is not running on this server: see zone:show");
        }
        ShellTable table = new ShellTable();
        table.column("HOST_ID");
        table.column("HOST");
        table.column("STEP");
        table.column("ATTEMPTS");
        table.column("STARTED");
        table.column("UPDATED");
        table.column("DETAIL").maxSize(80);
        for (Recovery r : recoveries.list()) {
            table.addRow().addContent(r.hostId(), r.hostName(), r.step(), r.attempts(), time(r.started()),
                    time(r.updated()), r.detail());
        }
        table.print(System.out);
        return null;
    }
}
