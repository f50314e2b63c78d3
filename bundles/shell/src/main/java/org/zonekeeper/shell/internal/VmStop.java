package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Vm;

@Command(scope = "vm", name = "stop", description = "Stops a VM: STOPPED once its host's agent confirmed the stop (or "
        + "its host is FENCED); it stays on its host and keeps its disk")
@Service
public class VmStop extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Override
    public Object execute() {
        System.out.println(VmLifecycle.describe(vms().stop(ref)));
        return null;
    }
}
