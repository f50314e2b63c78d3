package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vm", name = "start", description = "Starts a STOPPED VM, on --host or where the scheduler places it")
@Service
public class VmStart extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Option(name = "--host", description = "Host id or name to start it on (enabled and MONITORED)")
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        System.out.println(VmLifecycle.describe(vms().start(ref, host)));
        return null;
    }
}
