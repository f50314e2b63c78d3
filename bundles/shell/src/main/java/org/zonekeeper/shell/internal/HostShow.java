package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Host;

@Command(scope = "host", name = "show", description = "Shows one host")
@Service
public class HostShow extends ZoneActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Override
    public Object execute() {
        Host h = hosts().get(ref, readMode());
        ShellTable table = new ShellTable().noHeaders();
        table.column("FIELD");
        table.column("VALUE");
        table.addRow().addContent("ID", h.id());
        table.addRow().addContent("NAME", h.name());
        table.addRow().addContent("CLUSTER", h.cluster());
        table.addRow().addContent("ADDRESS", h.address());
        table.addRow().addContent("STATE", h.state());
        table.addRow().addContent("ENABLED", h.enabled() ? "yes" : "no");
        table.addRow().addContent("CPU", h.cpu());
        table.addRow().addContent("MEMORY_MB", h.memoryMb());
        table.addRow().addContent("VMM_DRIVER", h.vmmDriver());
        table.addRow().addContent("IM_DRIVER", h.imDriver());
        table.addRow().addContent("FENCING", h.fencingLevels().isEmpty() ? "(host.map)" : h.fencingLevels());
        table.addRow().addContent("FENCING_ATTEMPT", h.fencingAttempt() == 0 ? "(never fenced)" : h.fencingAttempt());
        table.addRow().addContent("UPDATED", time(h.updated()));
        table.addRow().addContent("MONITORED", time(h.monitored()));
        table.print(System.out);
        return null;
    }
}
