package org.zonekeeper.raft.internal;

import java.util.Map;
import java.util.Set;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How monitoring and recovery change the model. Each change names the states it starts from, so a decision taken
 * by a leader that has since lost its place, or repeated by the next leader, is refused instead of done twice.
 */
final class HaRules {

    /** Hosts a VM may be placed on. */
    private static final Set<HostState> PLACEABLE = Set.of(HostState.MONITORED);

    private HaRules() {
    }

    static Host setHostState(ZoneTransaction tx, String ref, Set<HostState> from, HostState to, long time) {
        Host host = Refs.find(ref, "host", tx::host, tx::hostByName);
        if (host.state() == to) {
            return host;
        }
        if (!from.contains(host.state())) {
            throw new ZoneException("host " + host.name() + " is " + host.state() + ", not " + names(from));
        }
        Host changed = host.withState(to, time);
        if (to == HostState.FENCED) {
            // a fenced host comes back disabled: an operator enables it once it is known healthy
            changed = changed.withEnabled(false, time);
        }
        tx.putHost(changed);
        EventLog.host(tx, changed, time);
        return changed;
    }

    /** Records the hosts that answered a monitoring round (host id to probe time). */
    static int recordMonitoring(ZoneTransaction tx, Map<Long, Long> probes) {
        return tx.recordMonitored(probes);
    }

    /**
     * Places a VM on a host for deployment. Refused unless the target is enabled and MONITORED, the VM is in one of
     * {@code from}, and a VM still assigned to another host leaves only a host whose power-off was confirmed (FENCED).
     */
    static Vm placeVm(ZoneTransaction tx, String ref, String hostRef, Set<VmState> from, long time) {
        Vm vm = Refs.find(ref, "VM", tx::vm, tx::vmByName);
        Host target = Refs.find(hostRef, "host", tx::host, tx::hostByName);
        if (!from.contains(vm.state())) {
            throw new ZoneException("VM " + vm.name() + " is " + vm.state() + ", not " + names(from));
        }
        if (!target.enabled() || !PLACEABLE.contains(target.state())) {
            throw new ZoneException("host " + target.name() + " is " + target.state()
                    + (target.enabled() ? "" : " and disabled") + ": no VM is placed there");
        }
        if (vm.hostId() != 0 && vm.hostId() != target.id()) {
            Host previous = tx.host(vm.hostId()).orElse(null);
            if (previous != null && previous.state() != HostState.FENCED && vm.state() != VmState.STOPPED
                    && vm.state() != VmState.PENDING) {
                throw new ZoneException("VM " + vm.name() + " is still on host " + previous.name() + " ("
                        + previous.state() + "): it moves only once that host is FENCED");
            }
        }
        Vm placed = vm.placedOn(target.id(), VmState.DEPLOYING, time);
        tx.putVm(placed);
        EventLog.vm(tx, placed, time);
        return placed;
    }

    /** Sets a VM's state if it is in one of {@code from} and, when {@code hostId} is not 0, still on that host. */
    static Vm setVmState(ZoneTransaction tx, String ref, Set<VmState> from, VmState to, long hostId, long time) {
        Vm vm = Refs.find(ref, "VM", tx::vm, tx::vmByName);
        if (hostId != 0 && vm.hostId() != hostId) {
            throw new ZoneException("VM " + vm.name() + " is no longer on host " + hostId);
        }
        if (vm.state() == to) {
            return vm;
        }
        if (!from.contains(vm.state())) {
            throw new ZoneException("VM " + vm.name() + " is " + vm.state() + ", not " + names(from));
        }
        Vm changed = vm.withState(to, time);
        tx.putVm(changed);
        EventLog.vm(tx, changed, time);
        return changed;
    }

    private static String names(Set<?> states) {
        return states.stream().map(Object::toString).sorted().toList().toString();
    }
}
