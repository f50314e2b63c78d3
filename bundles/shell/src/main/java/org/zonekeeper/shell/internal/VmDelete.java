package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;

@Command(scope = "vm", name = "delete", description = "Deletes a VM: stopped on its host first, then removed")
@Service
public class VmDelete extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Override
    public Object execute() {
        Vm vm = vms().delete(ref);
        if (vm.state() == VmState.DELETING) {
            System.out.println("VM " + vm.name() + " is DELETING: it is removed once its host's agent confirmed it"
                    + " stopped (or once the host is FENCED)");
        }
        return null;
    }
}
