package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.HookInfo;

@Command(scope = "hook", name = "list", description = "Lists the script and bundle hooks, their events and "
        + "whether they can run")
@Service
public class HookList extends HookActionSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("KIND");
        table.column("EVENTS").maxSize(40);
        table.column("TARGET");
        table.column("STATUS");
        for (HookInfo h : hooks().hooks()) {
            table.addRow().addContent(h.name(), h.kind(), String.join(",", h.events()), h.target(),
                    h.problem() == null ? "ready" : h.problem());
        }
        table.print(System.out);
        return null;
    }
}
