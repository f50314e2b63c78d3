package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "fence", name = "on", description = "Powers a host on through its fencing levels and confirms ON")
@Service
public class FenceOn extends FencingActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        report(fencing().on(host));
        return null;
    }
}
