package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "host", name = "delete", description = "Removes a host that runs no VM")
@Service
public class HostDelete extends ZoneActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String ref;

    @Override
    public Object execute() {
        hosts().delete(ref);
        return null;
    }
}
