package org.zonekeeper.model.internal;

import java.util.List;
import java.util.Optional;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Host;
import org.zonekeeper.model.References;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How each command changes the model. Everything here depends only on the transaction's content and the entry's
 * log time, so every server computes the same result; a refusal is an {@link Outcome} and changes nothing. The
 * fields were checked before ({@code ZoneCommand#validation}).
 */
public final class ZoneRules {

    private ZoneRules() {
    }

    public static Outcome createHost(ZoneTransaction tx, HostSpec spec, long time) {
        Optional<Host> taken = tx.hostByName(spec.name());
        if (taken.isPresent()) {
            return Outcome.refused("a host named '" + taken.get().name() + "' already exists");
        }
        Host host = new Host(tx.nextId("host", 1), spec.name(), HostState.INIT, spec.cluster(), spec.cpu(),
                spec.memoryMb(), spec.vmmDriver(), spec.imDriver(), true, time, FencingLevels.none(), 0,
                spec.address() == null || spec.address().isBlank() ? spec.name() : spec.address(), 0);
        tx.putHost(host);
        EventLog.api(tx, "CreateHost", "HOST", host.id(), host.name(), time);
        EventLog.host(tx, host, time);
        return Outcome.host(host);
    }

    public static Outcome deleteHost(ZoneTransaction tx, String ref, long time) {
        Optional<Host> found = host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host host = found.get();
        List<Vm> vms = tx.vmsOnHost(host.id());
        if (!vms.isEmpty()) {
            return Outcome.refused("host " + host.name() + " still has " + vms.size() + " VM(s); delete or move them");
        }
        tx.deleteHost(host.id());
        EventLog.api(tx, "DeleteHost", "HOST", host.id(), host.name(), time);
        return Outcome.host(host);
    }

    public static Outcome setHostEnabled(ZoneTransaction tx, String ref, boolean enabled, long time) {
        Optional<Host> found = host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host changed = found.get().withEnabled(enabled, time);
        if (enabled && changed.state() == HostState.FENCED) {
            // an operator vouches for a fenced host: it is monitored again from scratch
            changed = changed.withState(HostState.INIT, time);
            EventLog.host(tx, changed, time);
        }
        tx.putHost(changed);
        EventLog.api(tx, enabled ? "EnableHost" : "DisableHost", "HOST", changed.id(), changed.name(), time);
        return Outcome.host(changed);
    }

    public static Outcome setFencingLevels(ZoneTransaction tx, String ref, FencingLevels levels, long time) {
        Optional<Host> found = host(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("host", ref));
        }
        Host changed = found.get().withFencingLevels(levels, time);
        tx.putHost(changed);
        EventLog.api(tx, "SetFencingLevels", "HOST", changed.id(), changed.name(), time);
        return Outcome.host(changed);
    }

    public static Outcome createVm(ZoneTransaction tx, VmSpec spec, long time) {
        Optional<Vm> taken = tx.vmByName(spec.name());
        if (taken.isPresent()) {
            return Outcome.refused("a VM named '" + taken.get().name() + "' already exists");
        }
        long hostId = 0;
        VmState state = VmState.PENDING;
        if (spec.host() != null && !spec.host().isBlank()) {
            Optional<Host> host = host(tx, spec.host());
            if (host.isEmpty()) {
                return Outcome.notFound(References.notFound("host", spec.host()));
            }
            if (!host.get().enabled()) {
                return Outcome.refused("host " + host.get().name() + " is disabled");
            }
            if (host.get().state() == HostState.MAINTENANCE) {
                return Outcome.refused("host " + host.get().name() + " is in MAINTENANCE: it takes no new VM");
            }
            hostId = host.get().id();
            state = VmState.DEPLOYING;
        }
        long placements = hostId != 0 && tx.rules() >= 2 ? 1 : 0; // created on a host: placed once (rules 1: none)
        Vm vm = new Vm(tx.nextId("vm", 0), spec.name(), state, hostId, spec.cpu(), spec.memoryMb(), spec.diskMb(),
                spec.template() == null ? "" : spec.template(), time, placements, true, 0);
        tx.putVm(vm);
        EventLog.api(tx, "CreateVm", "VM", vm.id(), vm.name(), time);
        EventLog.vm(tx, vm, time);
        return Outcome.vm(vm);
    }

    /** Whether nothing of the VM can run: never started, its stop was confirmed, or its host is gone or FENCED. */
    static boolean nothingRuns(ZoneTransaction tx, Vm vm) {
        if (vm.state() == VmState.PENDING || vm.state() == VmState.STOPPED) {
            return true;
        }
        Optional<Host> host = tx.host(vm.hostId());
        return host.isEmpty() || host.get().state() == HostState.FENCED;
    }

    public static Outcome deleteVm(ZoneTransaction tx, String ref, long time) {
        Optional<Vm> found = vm(tx, ref);
        if (found.isEmpty()) {
            return Outcome.notFound(References.notFound("VM", ref));
        }
        Vm vm = found.get();
        if (vm.state() == VmState.DELETING) {
            return Outcome.vm(vm);
        }
        EventLog.api(tx, "DeleteVm", "VM", vm.id(), vm.name(), time);
        if (nothingRuns(tx, vm)) {
            tx.deleteVm(vm.id());
            EventLog.removed(tx, vm, time);
            return Outcome.vm(vm);
        }
        // it may run: the leader stops it through the host's agent, then removes it (HaRules.removeVm)
        Vm deleting = vm.withState(VmState.DELETING, time);
        tx.putVm(deleting);
        EventLog.vm(tx, deleting, time);
        return Outcome.vm(deleting);
    }

    public static Outcome registerServers(ZoneTransaction tx, List<ZoneServer> servers) {
        if (tx.servers().isEmpty()) {
            servers.forEach(tx::putServer);
            // draws the highest bootstrap id from the sequence, so that the next server added gets the one after
            tx.nextId("server", servers.stream().mapToLong(ZoneServer::id).max().orElse(0));
        }
        return Outcome.servers(tx.servers());
    }

    public static Outcome addServer(ZoneTransaction tx, String name, String endpoint) {
        for (ZoneServer s : tx.servers()) {
            if (Field.key(s.name()).equals(Field.key(name)) || s.endpoint().equals(endpoint)) {
                return Outcome.refused("server " + s.id() + " already uses name " + s.name() + " or endpoint "
                        + s.endpoint());
            }
        }
        ZoneServer server = new ZoneServer((int) tx.nextId("server", 0), name, endpoint);
        tx.putServer(server);
        return Outcome.server(server);
    }

    public static Outcome deleteServer(ZoneTransaction tx, int id) {
        Optional<ZoneServer> server = tx.servers().stream().filter(s -> s.id() == id).findFirst();
        if (server.isEmpty()) {
            return Outcome.notFound("no zone server with id " + id);
        }
        tx.deleteServer(id);
        return Outcome.server(server.get());
    }

    static Optional<Host> host(ZoneTransaction tx, String ref) {
        return References.find(ref, tx::host, tx::hostByName);
    }

    static Optional<Vm> vm(ZoneTransaction tx, String ref) {
        return References.find(ref, tx::vm, tx::vmByName);
    }
}
