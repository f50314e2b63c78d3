package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.zonekeeper.api.Vm;

@Command(scope = "vm", name = "ha", description = "Whether a VM is started elsewhere when its host is fenced (off: it "
        + "stays STOPPED there), and its restart priority (higher first)")
@Service
public class VmHa extends ZoneActionSupport {

    @Argument(index = 0, name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Argument(index = 1, name = "mode", description = "on or off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String mode;

    @Option(name = "--priority", description = "Restart priority, -1000 to 1000 (default: unchanged, 0 at first)")
    Integer priority;

    @Override
    public Object execute() {
        boolean on = OnOff.parse(mode);
        int p = priority != null ? priority : vms().get(ref, readMode()).priority();
        Vm vm = vms().setHa(ref, on, p);
        System.out.println("VM " + vm.name() + ": ha " + (vm.ha() ? "on" : "off") + ", priority " + vm.priority());
        return null;
    }
}
