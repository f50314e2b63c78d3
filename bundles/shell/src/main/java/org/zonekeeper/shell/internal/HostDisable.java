package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "host", name = "disable", description = "Keeps the scheduler from placing VMs on a host")
@Service
public class HostDisable extends ZoneActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Override
    public Object execute() {
        hosts().setEnabled(ref, false);
        return null;
    }
}
