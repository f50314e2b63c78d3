package org.zonekeeper.shell.internal;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;

@Command(scope = "vm", name = "list", description = "Lists the zone's VMs with their host and state")
@Service
public class VmList extends ZoneActionSupport {

    @Override
    public Object execute() {
        Map<Long, String> hostNames = hosts().list(readMode()).stream()
                .collect(Collectors.toMap(Host::id, Host::name));
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("NAME");
        table.column("STATE");
        table.column("HOST");
        table.column("CPU");
        table.column("MEMORY_MB");
        table.column("DISK_MB");
        for (Vm v : vms().list(readMode())) {
            table.addRow().addContent(v.id(), v.name(), v.state(), hostNames.getOrDefault(v.hostId(), "-"), v.cpu(),
                    v.memoryMb(), v.diskMb());
        }
        table.print(System.out);
        return null;
    }
}
