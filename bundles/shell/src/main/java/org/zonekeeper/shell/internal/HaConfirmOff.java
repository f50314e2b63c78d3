package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.ZoneException;

@Command(scope = "ha", name = "confirm-off", description = "Declares a host that stopped answering powered off when its"
        + " BMC cannot confirm it (it lost power with the host): recorded with your name, the host goes FENCED and"
        + " its VMs start elsewhere")
@Service
public class HaConfirmOff extends ZoneActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Option(name = "--force", description = "Required: you checked the host is off (its power cables out, or its "
            + "PDU outlet off); if it still runs, its VMs will run twice and corrupt their disks")
    boolean force;

    @Override
    public Object execute() {
        if (!force) {
            throw new ZoneException("ha:confirm-off starts the VMs of " + ref + " elsewhere on your word alone: make "
                    + "sure it is powered off, then run it again with --force");
        }
        String operator = ShellUtil.getCurrentUserName();
        Host host = hosts().declareOff(ref, operator == null || operator.isBlank() ? "unknown" : operator);
        System.out.println("host " + host.name() + " " + host.state() + ": declared off by " + operator
                + "; its VMs are started on other hosts");
        return null;
    }
}
