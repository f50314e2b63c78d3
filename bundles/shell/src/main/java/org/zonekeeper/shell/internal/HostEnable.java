package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "host", name = "enable", description = "Lets the scheduler place VMs on a host")
@Service
public class HostEnable extends ZoneActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Override
    public Object execute() {
        hosts().setEnabled(ref, true);
        return null;
    }
}
