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
 * Ends the VMs an operator deleted (DELETING). A VM is removed only once nothing of it can run: its host's agent
 * confirmed the stop, or the host is FENCED. On a host that does not answer (ERROR, FENCING, FENCE_FAILED, INIT) it
 * waits, since a VM removed there could go on writing its disk unseen.
 */
final class Deletions {
    private static final Logger LOG = LoggerFactory.getLogger(Deletions.class);

    private final HostService hosts;
    private final VmService vms;
    private final VmmDriver vmm;

    Deletions(HostService hosts, VmService vms, VmmDriver vmm) {
        this.hosts = hosts;
        this.vms = vms;
        this.vmm = vmm;
    }

    /** The VMs being deleted. */
    List<Vm> waiting() {
        return vms.list(ReadMode.LOCAL).stream().filter(v -> v.state() == VmState.DELETING).toList();
    }

    void end(Vm vm) {
        Optional<Host> found = hosts.list(ReadMode.LOCAL).stream().filter(h -> h.id() == vm.hostId()).findFirst();
        if (found.isEmpty() || found.get().state() == HostState.FENCED) {
            vms.remove(vm.name(), vm.hostId());
            LOG.info("VM {} deleted: its host is {}", vm.name(), found.isEmpty() ? "gone" : "FENCED (off)");
            return;
        }
        Host host = found.get();
        if (host.state() != HostState.MONITORED) {
            LOG.debug("VM {} stays DELETING: host {} is {}", vm.name(), host.name(), host.state());
            return;
        }
        // written before acting: refused if another leader has claimed a newer term, or the VM moved
        vms.setState(vm.name(), Set.of(VmState.DELETING), VmState.DELETING, host.id());
        vmm.stop(host, vm);
        VmState state = vmm.status(host, vm);
        if (state == VmState.RUNNING) {
            throw new ZoneException("VM " + vm.name() + " still runs on " + host.name() + " after a stop");
        }
        vms.remove(vm.name(), host.id());
        LOG.info("VM {} deleted: stopped on {} ({})", vm.name(), host.name(), state);
    }
}
