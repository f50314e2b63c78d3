package org.zonekeeper.model.internal;

import java.util.Optional;
import java.util.Set;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.References;
import org.zonekeeper.store.ZoneTransaction;

/**
 * An operator's VM life cycle: stop, start, recover. A VM that may run is never marked stopped on the operator's
 * word: it goes STOPPING and the leader has its host's agent confirm the stop first.
 */
public final class VmRules {

    private VmRules() {
    }

    public static Outcome stop(ZoneTransaction tx, String ref, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (vm.state() == VmState.STOPPED || vm.state() == VmState.STOPPING) {
            return Outcome.vm(vm);
        }
        if (vm.state() == VmState.DELETING) {
            return Outcome.refused("VM " + vm.name() + " is DELETING");
        }
        EventLog.api(tx, "StopVm", "VM", vm.id(), vm.name(), time);
        Vm changed = vm.withState(ZoneRules.nothingRuns(tx, vm) ? VmState.STOPPED : VmState.STOPPING, time);
        tx.putVm(changed);
        EventLog.vm(tx, changed, time);
        return Outcome.vm(changed);
    }

    /** STOPPED → PENDING (the scheduler places it), or DEPLOYING on {@code hostRef} when it names a host. */
    public static Outcome start(ZoneTransaction tx, String ref, String hostRef, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (vm.state() != VmState.STOPPED) {
            return vm.state() == VmState.PENDING || vm.state() == VmState.DEPLOYING ? Outcome.vm(vm)
                    : Outcome.refused("VM " + vm.name() + " is " + vm.state() + ": only a STOPPED VM is started");
        }
        EventLog.api(tx, "StartVm", "VM", vm.id(), vm.name(), time);
        if (!hostRef.isEmpty()) {
            return HaRules.placeVm(tx, ref, hostRef, Set.of(VmState.STOPPED), time);
        }
        Vm pending = vm.withState(VmState.PENDING, time);
        tx.putVm(pending);
        EventLog.vm(tx, pending, time);
        return Outcome.vm(pending);
    }

    /** A FAILED VM on a MONITORED host is placed there again. */
    public static Outcome recover(ZoneTransaction tx, String ref, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        Optional<Host> host = tx.host(vm.hostId());
        if (vm.state() != VmState.FAILED || host.isEmpty() || host.get().state() != HostState.MONITORED) {
            return Outcome.refused("VM " + vm.name() + " is " + vm.state() + " on " + host.map(h -> "host "
                    + h.name() + " (" + h.state() + ")").orElse("no host") + ": only a FAILED VM on a MONITORED host"
                    + " is recovered there (the VMs of a failed host move once it is FENCED)");
        }
        EventLog.api(tx, "RecoverVm", "VM", vm.id(), vm.name(), time);
        return HaRules.placeVm(tx, ref, host.get().name(), Set.of(VmState.FAILED), time);
    }

    public static Outcome setHa(ZoneTransaction tx, String ref, boolean ha, int priority, long time) {
        Optional<Vm> found = ZoneRules.vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (vm.ha() == ha && vm.priority() == priority) {
            return Outcome.vm(vm);
        }
        Vm changed = vm.withHa(ha, priority, time);
        tx.putVm(changed);
        EventLog.api(tx, "SetVmHa", "VM", vm.id(), vm.name(), time);
        return Outcome.vm(changed);
    }
}
