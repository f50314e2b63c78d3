package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ZoneException;

@Command(scope = "ha", name = "redeploy", description = "Moves the VMs of a FENCED host to healthy hosts "
        + "(mode = hook)")
@Service
public class HaRedeploy extends HaActionSupport {

    @Argument(name = "host", description = "Host name or id", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        int left = recovery().redeploy(host);
        if (left > 0) {
            throw new ZoneException(left + " VM(s) of " + host + " not moved yet (no host with room?): run again");
        }
        System.out.println("every VM of " + host + " moved");
        return null;
    }
}
