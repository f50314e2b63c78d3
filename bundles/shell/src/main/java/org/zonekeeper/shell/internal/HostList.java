package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Host;

@Command(scope = "host", name = "list", description = "Lists the zone's hosts")
@Service
public class HostList extends ZoneActionSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("NAME");
        table.column("CLUSTER");
        table.column("STATE");
        table.column("ENABLED");
        table.column("CPU");
        table.column("MEMORY_MB");
        table.column("VMM");
        table.column("MONITORED");
        for (Host h : hosts().list(readMode())) {
            table.addRow().addContent(h.id(), h.name(), h.cluster(), h.state(), h.enabled() ? "yes" : "no", h.cpu(),
                    h.memoryMb(), h.vmmDriver(), time(h.monitored()));
        }
        table.print(System.out);
        return null;
    }
}
