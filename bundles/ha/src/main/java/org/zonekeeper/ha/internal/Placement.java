package org.zonekeeper.ha.internal;

import java.util.Optional;
import java.util.Set;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmState;

/**
 * Places VMs one at a time, so that each decision sees the ones before it (the leader applies a PlaceVm before it
 * answers): VMs placed at the same moment spread over the hosts instead of all taking the one with most room.
 */
final class Placement {

    record Placed(Vm vm, Host host) {
    }

    private final HostService hosts;
    private final VmService vms;

    Placement(HostService hosts, VmService vms) {
        this.hosts = hosts;
        this.vms = vms;
    }

    /** Places {@code vm}, if in one of {@code from}, on the host the scheduler picks; empty if none has room. */
    synchronized Optional<Placed> place(Vm vm, Set<VmState> from) {
        Optional<Host> target = Scheduler.place(vm, hosts.list(ReadMode.LOCAL), vms.list(ReadMode.LOCAL));
        return target.map(host -> new Placed(vms.place(vm.name(), host.name(), from), host));
    }
}
