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
 * Ends the VMs an operator stopped (STOPPING → STOPPED) or deleted (DELETING → removed). Either happens only once
 * nothing of the VM can run: its host's agent confirmed the stop, or the host is FENCED. On a host that does not
 * answer (ERROR, FENCING, FENCE_FAILED, INIT) it waits, since a VM marked stopped or removed there could go on
 * writing its disk unseen.
 */
final class Stops {
    private static final Logger LOG = LoggerFactory.getLogger(Stops.class);
    private static final Set<VmState> ENDING = Set.of(VmState.STOPPING, VmState.DELETING);

    private final HostService hosts;
    private final VmService vms;
    private final VmmDriver vmm;

    Stops(HostService hosts, VmService vms, VmmDriver vmm) {
        this.hosts = hosts;
        this.vms = vms;
        this.vmm = vmm;
    }

    /** The VMs being stopped or deleted. */
    List<Vm> waiting() {
        return vms.list(ReadMode.LOCAL).stream().filter(v -> ENDING.contains(v.state())).toList();
    }

    void end(Vm vm) {
        Optional<Host> found = hosts.list(ReadMode.LOCAL).stream().filter(h -> h.id() == vm.hostId()).findFirst();
        if (found.isEmpty() || found.get().state() == HostState.FENCED) {
            finish(vm, vm.hostId(), found.isEmpty() ? "its host is gone" : "its host is FENCED (off)");
            return;
        }
        Host host = found.get();
        if (host.state() != HostState.MONITORED) {
            LOG.debug("VM {} stays {}: host {} is {}", vm.name(), vm.state(), host.name(), host.state());
            return;
        }
        // written before acting: refused if another leader has claimed a newer term, or the VM moved
        vms.setState(vm.name(), Set.of(vm.state()), vm.state(), host.id());
        vmm.stop(host, vm);
        VmState state = vmm.status(host, vm);
        if (state == VmState.RUNNING) {
            throw new ZoneException("VM " + vm.name() + " still runs on " + host.name() + " after a stop");
        }
        finish(vm, host.id(), "stopped on " + host.name() + " (" + state + ")");
    }

    private void finish(Vm vm, long hostId, String why) {
        if (vm.state() == VmState.DELETING) {
            vms.remove(vm.name(), hostId);
            LOG.info("VM {} deleted: {}", vm.name(), why);
        } else {
            vms.setState(vm.name(), Set.of(VmState.STOPPING), VmState.STOPPED, hostId);
            LOG.info("VM {} stopped: {}", vm.name(), why);
        }
    }
}
