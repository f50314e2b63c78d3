package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ZoneException;

@Command(scope = "fence", name = "off", description = "Powers a host off through its fencing levels and confirms OFF")
@Service
public class FenceOff extends FencingActionSupport {

    @Argument(name = "host", description = "Host id or name", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--force", description = "Required: the host and every VM on it lose power at once")
    boolean force;

    @Override
    public Object execute() {
        if (!force) {
            throw new ZoneException("fence:off cuts the power of " + host + " and its VMs: run fence:off --force HOST to do it");
        }
        report(fencing().off(host));
        return null;
    }
}
