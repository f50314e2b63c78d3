package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "vm", name = "delete", description = "Removes a VM")
@Service
public class VmDelete extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Override
    public Object execute() {
        vms().delete(ref);
        return null;
    }
}
