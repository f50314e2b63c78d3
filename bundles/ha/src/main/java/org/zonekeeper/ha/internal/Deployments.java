package org.zonekeeper.ha.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.ZoneException;

/**
 * Starts the VMs that wait for it: PENDING ones are placed by the scheduler (through Raft) and deployed; DEPLOYING
 * ones on a MONITORED host are deployed (again: the agent's deploy is idempotent, so a deploy a previous leader
 * started is simply finished).
 */
final class Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

    private final HostService hosts;
    private final VmService vms;
    private final VmmDriver vmm;
    private final Placement placement;

    Deployments(HostService hosts, VmService vms, VmmDriver vmm, Placement placement) {
        this.hosts = hosts;
        this.vms = vms;
        this.vmm = vmm;
        this.placement = placement;
    }

    /** The VMs that need a deploy now. */
    List<Vm> waiting() {
        List<Host> all = hosts.list(ReadMode.LOCAL);
        return vms.list(ReadMode.LOCAL).stream().filter(v -> v.state() == VmState.PENDING
                || (v.state() == VmState.DEPLOYING && all.stream().anyMatch(h -> h.id() == v.hostId()
                        && h.state() == HostState.MONITORED))).toList();
    }

    void deploy(Vm vm) {
        Vm placed = vm;
        if (vm.state() == VmState.PENDING) {
            Optional<Placement.Placed> target = placement.place(vm, Set.of(VmState.PENDING));
            if (target.isEmpty()) {
                LOG.debug("VM {}: no host has room yet", vm.name());
                return;
            }
            placed = target.get().vm();
        }
        List<Host> all = hosts.list(ReadMode.LOCAL);
        Vm toStart = placed;
        Host host = all.stream().filter(h -> h.id() == toStart.hostId()).findFirst()
                .orElseThrow(() -> new ZoneException("VM " + toStart.name() + ": its host is gone"));
        start(toStart, host);
    }

    /**
     * Starts a placed VM on its host; RUNNING once the host says so (else the monitor will see it). Written before
     * acting: refused if another leader has claimed a newer term or the VM was moved; the deploy names the placement
     * that write found, which the agent holds against any earlier one.
     */
    void start(Vm vm, Host host) {
        Vm current = vms.setState(vm.name(), Set.of(VmState.DEPLOYING), VmState.DEPLOYING, host.id());
        VmState state = vmm.deploy(host, current);
        if (state == VmState.RUNNING) {
            vms.setState(vm.name(), Set.of(VmState.DEPLOYING), VmState.RUNNING, host.id());
        }
        LOG.info("VM {} deployed on {} (placement {}): {}", vm.name(), host.name(), current.placement(), state);
    }
}
