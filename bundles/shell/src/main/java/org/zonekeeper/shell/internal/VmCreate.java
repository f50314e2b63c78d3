package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;

@Command(scope = "vm", name = "create", description = "Creates a VM, placed on --host when given")
@Service
public class VmCreate extends ZoneActionSupport {

    @Argument(name = "name", description = "VM name", required = true)
    String name;

    @Option(name = "--cpu", description = "CPU in percent of one core")
    int cpu = 100;

    @Option(name = "--memory", description = "Memory in MB")
    long memoryMb = 512;

    @Option(name = "--disk", description = "Disk in MB")
    long diskMb = 1024;

    @Option(name = "--template", description = "Template (the VM's definition, given to its VMM driver)")
    String template = "";

    @Option(name = "--host", description = "Host id or name to place the VM on")
    @Completion(HostCompleter.class)
    String host;

    @Override
    public Object execute() {
        Vm vm = vms().create(new VmSpec(name, cpu, memoryMb, diskMb, template, host));
        System.out.println("ID: " + vm.id());
        return null;
    }
}
