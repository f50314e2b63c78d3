package org.zonekeeper.model.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.zonekeeper.api.Host;
import org.zonekeeper.model.References;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How monitoring and recovery change the model. Each change names the states it starts from, so a decision taken
 * by a leader that has since lost its place, or repeated by the next leader, is refused instead of done twice.
 */
public final class HaRules {

    /** Hosts a VM may be placed on. */
    private static final Set<HostState> PLACEABLE = Set.of(HostState.MONITORED);

    private HaRules() {
    }

    public static Outcome setHostState(ZoneTransaction tx, String ref, Set<HostState> from, HostState to, long time) {
        Optional<Host> found = ZoneRules.host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host host = found.get();
        if (host.state() == to) {
            return Outcome.host(host);
        }
        if (!from.contains(host.state())) {
            return Outcome.refused("host " + host.name() + " is " + host.state() + ", not " + names(from));
        }
        if (host.state() == HostState.FENCING && host.fencingAttempt() > 0) {
            // (an attempt of 0: the host entered FENCING in an entry of the version before attempt ids)
            return Outcome.refused("host " + host.name() + " is FENCING under attempt " + host.fencingAttempt()
                    + ": only that attempt's recorded result moves it on (RecordFencing)");
        }
        // each entry into FENCING is a new attempt: only its own power-off and result are recorded (RecordFencing);
        // entries of rules 1 gave none (attempt 0)
        Host changed = to == HostState.FENCING && tx.rules() >= 2 ? host.fencing(tx.nextId("fencing", 1), time)
                : host.withState(to, time);
        if (to == HostState.FENCED) {
            // a fenced host comes back disabled: an operator enables it once it is known healthy
            changed = changed.withEnabled(false, time);
        }
        tx.putHost(changed);
        EventLog.host(tx, changed, time);
        return Outcome.host(changed);
    }

    /** States a host may enter MAINTENANCE from: not while a power-off is under way, nor once it is off. */
    private static final Set<HostState> SERVICEABLE = Set.of(HostState.INIT, HostState.MONITORED, HostState.ERROR,
            HostState.FENCE_FAILED);

    /** MAINTENANCE on (its recovery, if any, ends: it is never fenced) or off (back to INIT). */
    public static Outcome setMaintenance(ZoneTransaction tx, String ref, boolean on, long time) {
        Optional<Host> found = ZoneRules.host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host host = found.get();
        if (on == (host.state() == HostState.MAINTENANCE)) {
            return Outcome.host(host);
        }
        if (on && !SERVICEABLE.contains(host.state())) {
            return Outcome.refused("host " + host.name() + " is " + host.state() + ": " + (host.state()
                    == HostState.FENCING ? "a power-off is under way" : "it is off; host:enable brings it back"));
        }
        Host changed = host.withState(on ? HostState.MAINTENANCE : HostState.INIT, time);
        tx.putHost(changed);
        tx.deleteRecovery(host.id());
        EventLog.api(tx, on ? "StartMaintenance" : "EndMaintenance", "HOST", host.id(), host.name(), time);
        EventLog.host(tx, changed, time);
        return Outcome.host(changed);
    }

    /** Records the hosts that answered a monitoring round (host id to probe time). */
    public static Outcome recordMonitoring(ZoneTransaction tx, Map<Long, Long> probes) {
        tx.recordMonitored(probes);
        return Outcome.none();
    }

    /**
     * Places a VM on a host for deployment. Refused unless the target is enabled and MONITORED, the VM is in one of
     * {@code from}, and a VM still assigned to another host leaves only a host whose power-off was confirmed (FENCED).
     */
    public static Outcome placeVm(ZoneTransaction tx, String ref, String hostRef, Set<VmState> from, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Optional<Host> targetFound = ZoneRules.host(tx, hostRef);
        if (targetFound.isEmpty()) {
            return Outcome.notFound(References.notFound("host", hostRef));
        }
        Vm vm = found.get();
        Host target = targetFound.get();
        if (!from.contains(vm.state())) {
            return Outcome.refused("VM " + vm.name() + " is " + vm.state() + ", not " + names(from));
        }
        if (!target.enabled() || !PLACEABLE.contains(target.state())) {
            return Outcome.refused("host " + target.name() + " is " + target.state()
                    + (target.enabled() ? "" : " and disabled") + ": no VM is placed there");
        }
        if (vm.hostId() != 0 && vm.hostId() != target.id()) {
            Host previous = tx.host(vm.hostId()).orElse(null);
            if (previous != null && previous.state() != HostState.FENCED && vm.state() != VmState.STOPPED
                    && vm.state() != VmState.PENDING) {
                return Outcome.refused("VM " + vm.name() + " is still on host " + previous.name() + " ("
                        + previous.state() + "): it moves only once that host is FENCED");
            }
        }
        // rules 1 counted no placements
        Vm placed = vm.placedOn(target.id(), VmState.DEPLOYING, time, vm.placement() + (tx.rules() >= 2 ? 1 : 0));
        tx.putVm(placed);
        EventLog.vm(tx, placed, time);
        return Outcome.vm(placed);
    }

    /** Sets a VM's state if it is in one of {@code from} and, when {@code hostId} is not 0, still on that host. */
    public static Outcome setVmState(ZoneTransaction tx, String ref, Set<VmState> from, VmState to, long hostId, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (hostId != 0 && vm.hostId() != hostId) {
            return Outcome.refused("VM " + vm.name() + " is no longer on host " + hostId);
        }
        if (vm.state() == to) {
            return Outcome.vm(vm);
        }
        if (!from.contains(vm.state())) {
            return Outcome.refused("VM " + vm.name() + " is " + vm.state() + ", not " + names(from));
        }
        Vm changed = vm.withState(to, time);
        tx.putVm(changed);
        EventLog.vm(tx, changed, time);
        return Outcome.vm(changed);
    }

    /** Removes a DELETING VM still on {@code hostId}, once the leader knows it gone (see {@code RemoveVm}). */
    public static Outcome removeVm(ZoneTransaction tx, String ref, long hostId, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (vm.state() != VmState.DELETING || vm.hostId() != hostId) {
            return Outcome.refused("VM " + vm.name() + " is " + vm.state() + " on host " + vm.hostId()
                    + ", not DELETING on host " + hostId);
        }
        tx.deleteVm(vm.id());
        EventLog.removed(tx, vm, time);
        return Outcome.vm(vm);
    }

    private static String names(Set<?> states) {
        return states.stream().map(Object::toString).sorted().toList().toString();
    }
}
