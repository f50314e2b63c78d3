package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Vm;

@Command(scope = "vm", name = "show", description = "Shows one VM")
@Service
public class VmShow extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Override
    public Object execute() {
        Vm v = vms().get(ref, readMode());
        ShellTable table = new ShellTable().noHeaders();
        table.column("FIELD");
        table.column("VALUE");
        table.addRow().addContent("ID", v.id());
        table.addRow().addContent("NAME", v.name());
        table.addRow().addContent("STATE", v.state());
        table.addRow().addContent("HOST_ID", v.hostId() == 0 ? "-" : v.hostId());
        table.addRow().addContent("PLACEMENT", v.placement());
        table.addRow().addContent("HA", v.ha() ? "on" : "off");
        table.addRow().addContent("PRIORITY", v.priority());
        table.addRow().addContent("CPU", v.cpu());
        table.addRow().addContent("MEMORY_MB", v.memoryMb());
        table.addRow().addContent("DISK_MB", v.diskMb());
        table.addRow().addContent("TEMPLATE", v.template());
        table.addRow().addContent("UPDATED", time(v.updated()));
        table.print(System.out);
        return null;
    }
}
