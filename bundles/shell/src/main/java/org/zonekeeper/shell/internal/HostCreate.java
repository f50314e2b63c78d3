package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;

@Command(scope = "host", name = "create", description = "Adds a hypervisor host to the zone")
@Service
public class HostCreate extends ZoneActionSupport {

    @Argument(name = "name", description = "Host name", required = true)
    String name;

    @Option(name = "--cluster", description = "Cluster the host belongs to")
    String cluster = "default";

    @Option(name = "--cpu", description = "CPU capacity in percent of one core (800 = 8 cores)")
    int cpu = 100;

    @Option(name = "--memory", description = "Memory capacity in MB")
    long memoryMb = 1024;

    @Option(name = "--vmm", description = "Virtualization driver")
    String vmm = "kvm";

    @Option(name = "--im", description = "Monitoring driver")
    String im = "kvm";

    @Option(name = "--address", description = "Where the host's node agent listens, HOST or HOST:PORT "
            + "(default: the host name)")
    String address;

    @Override
    public Object execute() {
        Host host = hosts().create(new HostSpec(name, cluster, cpu, memoryMb, vmm, im, address));
        System.out.println("ID: " + host.id());
        return null;
    }
}
