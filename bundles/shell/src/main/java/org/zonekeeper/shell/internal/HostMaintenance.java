package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.zonekeeper.api.Host;

@Command(scope = "host", name = "maintenance", description = "Puts a host in MAINTENANCE (not probed, never fenced, no "
        + "new VM; its VMs stay where they are) or takes it out (off: monitored again from INIT)")
@Service
public class HostMaintenance extends ZoneActionSupport {

    @Argument(index = 0, name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Argument(index = 1, name = "mode", description = "on or off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String mode;

    @Override
    public Object execute() {
        Host host = hosts().setMaintenance(ref, OnOff.parse(mode));
        System.out.println("host " + host.name() + " " + host.state());
        return null;
    }
}
