package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.ZoneException;

@Command(scope = "ha", name = "fence", description = "Fences a host in ERROR or FENCE_FAILED (mode = hook, or a host HELD by the mass-failure guard): "
        + "FENCED only on a confirmed power-off")
@Service
public class HaFence extends HaActionSupport {

    @Argument(name = "host", description = "Host name or id", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        Host fenced = recovery().fence(host);
        if (fenced.state() != HostState.FENCED) {
            throw new ZoneException("host " + fenced.name() + " is " + fenced.state() + ": see ha:status");
        }
        System.out.println("host " + fenced.name() + " FENCED");
        return null;
    }
}
