package org.zonekeeper.ha.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;

/**
 * Chooses a host for a VM: enabled and MONITORED, with room for it once the VMs already placed there are counted;
 * of those the one with the most free memory, so load spreads.
 */
final class Scheduler {
    /** VM states that hold their host's capacity. */
    private static final Set<VmState> HOLDING = Set.of(VmState.DEPLOYING, VmState.RUNNING, VmState.UNKNOWN);

    private Scheduler() {
    }

    static Optional<Host> place(Vm vm, List<Host> hosts, List<Vm> vms) {
        return hosts.stream()
                .filter(h -> h.enabled() && h.state() == HostState.MONITORED && h.id() != vm.hostId())
                .filter(h -> freeCpu(h, vms) >= vm.cpu() && freeMemory(h, vms) >= vm.memoryMb())
                .max(Comparator.comparingLong((Host h) -> freeMemory(h, vms)).thenComparing(Host::id,
                        Comparator.reverseOrder()));
    }

    static long freeMemory(Host host, List<Vm> vms) {
        return host.memoryMb() - placed(host, vms).mapToLong(Vm::memoryMb).sum();
    }

    static long freeCpu(Host host, List<Vm> vms) {
        return host.cpu() - placed(host, vms).mapToLong(Vm::cpu).sum();
    }

    private static java.util.stream.Stream<Vm> placed(Host host, List<Vm> vms) {
        return vms.stream().filter(v -> v.hostId() == host.id() && HOLDING.contains(v.state()));
    }
}
