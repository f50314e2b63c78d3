package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.fencing.DeviceInfo;
import org.zonekeeper.api.fencing.FencingLevels;

@Command(scope = "fence", name = "levels", description = "Shows or sets a host's fencing levels (tried in order; "
        + "every device of a level must succeed)")
@Service
public class FenceLevels extends FencingActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Option(name = "--set", description = "New levels: levels separated by ';', devices of a level by ',', "
            + "e.g. \"ipmi-7; pdu-a,pdu-b\"; \"\" clears them")
    String set;

    @Override
    public Object execute() {
        Host host = hosts().get(ref, readMode());
        if (set != null) {
            host = hosts().setFencingLevels(host.name(), checked(set));
        }
        ShellTable table = new ShellTable();
        table.column("LEVEL");
        table.column("DEVICES");
        List<List<String>> levels = host.fencingLevels().levels();
        for (int i = 0; i < levels.size(); i++) {
            table.addRow().addContent(i + 1, String.join(",", levels.get(i)));
        }
        table.print(System.out);
        if (levels.isEmpty()) {
            System.out.println("no levels: " + host.name() + " is fenced by each device whose host.map names it");
        }
        return null;
    }

    private FencingLevels checked(String text) {
        FencingLevels levels;
        try {
            levels = FencingLevels.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ZoneException(e.getMessage());
        }
        List<String> known = fencing().devices().stream().map(DeviceInfo::name).toList();
        levels.levels().stream().flatMap(List::stream).filter(d -> !known.contains(d)).findFirst().ifPresent(d -> {
            throw new ZoneException("no fencing device named '" + d + "' on this server (see fence:device-list)");
        });
        return levels;
    }
}
