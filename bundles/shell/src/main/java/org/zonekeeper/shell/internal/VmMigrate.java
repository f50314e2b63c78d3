package org.zonekeeper.shell.internal;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;

@Command(scope = "vm", name = "migrate", description = "Moves a VM to another host, cold: stopped (confirmed by its "
        + "host's agent), then started on --host")
@Service
public class VmMigrate extends ZoneActionSupport {

    @Argument(name = "vm", description = "VM id or name", required = true)
    @Completion(VmCompleter.class)
    String ref;

    @Option(name = "--host", description = "Host id or name to move it to (enabled and MONITORED)", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--timeout", description = "Seconds to wait for the stop")
    int timeout = 120;

    @Override
    public Object execute() throws InterruptedException {
        Vm vm = vms().stop(ref);
        System.out.println(VmLifecycle.describe(vm));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        while (vm.state() != VmState.STOPPED) {
            if (vm.state() != VmState.STOPPING || System.nanoTime() > deadline) {
                throw new ZoneException("VM " + vm.name() + " is " + vm.state() + " after " + timeout + " s, not "
                        + "STOPPED: not moved (once it is STOPPED: vm:start --host " + host + " " + vm.name() + ")");
            }
            Thread.sleep(500);
            vm = vms().get(Long.toString(vm.id()), ReadMode.LOCAL);
        }
        System.out.println(VmLifecycle.describe(vms().start(Long.toString(vm.id()), host)));
        return null;
    }
}
