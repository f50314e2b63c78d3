package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "fence", name = "status", description = "Reads a host's power state through its fencing devices")
@Service
public class FenceStatus extends FencingActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        report(fencing().status(host));
        return null;
    }
}
