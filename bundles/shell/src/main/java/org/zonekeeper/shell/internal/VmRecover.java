package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vm", name = "recover", description = "Starts a FAILED VM again on its own MONITORED host (its agent "
        + "refuses if the VM runs there after all)")
@Service
public class VmRecover extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Override
    public Object execute() {
        System.out.println(VmLifecycle.describe(vms().recover(ref)));
        return null;
    }
}
