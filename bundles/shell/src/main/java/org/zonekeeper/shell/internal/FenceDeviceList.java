package org.zonekeeper.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.fencing.DeviceInfo;

@Command(scope = "fence", name = "device-list", description = "Lists this server's fencing devices and whether "
        + "each can be used")
@Service
public class FenceDeviceList extends FencingActionSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("DRIVER");
        table.column("ADDRESS");
        table.column("USER");
        table.column("PASSWORD");
        table.column("HOSTS").maxSize(40);
        table.column("STATUS").maxSize(100);
        for (DeviceInfo d : fencing().devices()) {
            String hosts = d.hostMap().entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + ":" + e.getValue())
                    .sorted().collect(Collectors.joining(","));
            table.addRow().addContent(d.name(), d.driver(), d.port() == 0 ? d.address() : d.address() + ":" + d.port(),
                    d.username(), d.passwordSet() ? "set" : "-", hosts, d.ready() ? "ready" : d.problem());
        }
        table.print(System.out);
        return null;
    }
}
