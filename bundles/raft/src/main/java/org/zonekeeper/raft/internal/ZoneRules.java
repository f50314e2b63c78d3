package org.zonekeeper.raft.internal;

import java.util.List;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.store.ZoneTransaction;

/**
 * How each command changes the model. Everything here depends only on the transaction's content and
 * the entry's log time, so every server computes the same result.
 */
final class ZoneRules {

    private ZoneRules() {
    }

    static Host createHost(ZoneTransaction tx, HostSpec spec, long time) {
        requireName("host", spec.name());
        if (tx.hostByName(spec.name()).isPresent()) {
            throw new ZoneException("a host named '" + spec.name() + "' already exists");
        }
        if (spec.cpu() <= 0 || spec.memoryMb() <= 0) {
            throw new ZoneException("host capacity must be positive (cpu " + spec.cpu() + ", memory " + spec.memoryMb()
                    + " MB)");
        }
        Host host = new Host(tx.nextId("host", 1), spec.name(), HostState.INIT, spec.cluster(), spec.cpu(),
                spec.memoryMb(), spec.vmmDriver(), spec.imDriver(), true, time, FencingLevels.none(), 0,
                spec.address() == null || spec.address().isBlank() ? spec.name() : spec.address());
        tx.putHost(host);
        EventLog.api(tx, "CreateHost", "HOST", host.id(), host.name(), time);
        EventLog.host(tx, host, time);
        return host;
    }

    static Host deleteHost(ZoneTransaction tx, String ref, long time) {
        Host host = host(tx, ref);
        List<Vm> vms = tx.vmsOnHost(host.id());
        if (!vms.isEmpty()) {
            throw new ZoneException("host " + host.name() + " still has " + vms.size() + " VM(s); delete or move them");
        }
        tx.deleteHost(host.id());
        EventLog.api(tx, "DeleteHost", "HOST", host.id(), host.name(), time);
        return host;
    }

    static Host setHostEnabled(ZoneTransaction tx, String ref, boolean enabled, long time) {
        Host changed = host(tx, ref).withEnabled(enabled, time);
        if (enabled && changed.state() == HostState.FENCED) {
            // an operator vouches for a fenced host: it is monitored again from scratch
            changed = changed.withState(HostState.INIT, time);
            EventLog.host(tx, changed, time);
        }
        tx.putHost(changed);
        EventLog.api(tx, enabled ? "EnableHost" : "DisableHost", "HOST", changed.id(), changed.name(), time);
        return changed;
    }

    static Host setFencingLevels(ZoneTransaction tx, String ref, FencingLevels levels, long time) {
        Host changed = host(tx, ref).withFencingLevels(levels, time);
        tx.putHost(changed);
        EventLog.api(tx, "SetFencingLevels", "HOST", changed.id(), changed.name(), time);
        return changed;
    }

    static Vm createVm(ZoneTransaction tx, VmSpec spec, long time) {
        requireName("VM", spec.name());
        if (tx.vmByName(spec.name()).isPresent()) {
            throw new ZoneException("a VM named '" + spec.name() + "' already exists");
        }
        if (spec.cpu() <= 0 || spec.memoryMb() <= 0 || spec.diskMb() < 0) {
            throw new ZoneException("VM size must be positive (cpu " + spec.cpu() + ", memory " + spec.memoryMb()
                    + " MB, disk " + spec.diskMb() + " MB)");
        }
        long hostId = 0;
        VmState state = VmState.PENDING;
        if (spec.host() != null && !spec.host().isBlank()) {
            Host host = host(tx, spec.host());
            if (!host.enabled()) {
                throw new ZoneException("host " + host.name() + " is disabled");
            }
            hostId = host.id();
            state = VmState.DEPLOYING;
        }
        Vm vm = new Vm(tx.nextId("vm", 0), spec.name(), state, hostId, spec.cpu(), spec.memoryMb(), spec.diskMb(),
                spec.template() == null ? "" : spec.template(), time);
        tx.putVm(vm);
        EventLog.api(tx, "CreateVm", "VM", vm.id(), vm.name(), time);
        EventLog.vm(tx, vm, time);
        return vm;
    }

    static Vm deleteVm(ZoneTransaction tx, String ref, long time) {
        Vm vm = Refs.find(ref, "VM", tx::vm, tx::vmByName);
        tx.deleteVm(vm.id());
        EventLog.api(tx, "DeleteVm", "VM", vm.id(), vm.name(), time);
        return vm;
    }

    static List<ZoneServer> registerServers(ZoneTransaction tx, List<ZoneServer> servers) {
        if (tx.servers().isEmpty()) {
            servers.forEach(tx::putServer);
            // draws the highest bootstrap id from the sequence, so that the next server added gets the one after
            tx.nextId("server", servers.stream().mapToLong(ZoneServer::id).max().orElse(0));
        }
        return tx.servers();
    }

    static ZoneServer addServer(ZoneTransaction tx, String name, String endpoint) {
        requireName("server", name);
        for (ZoneServer s : tx.servers()) {
            if (s.name().equals(name) || s.endpoint().equals(endpoint)) {
                throw new ZoneException("server " + s.id() + " already uses name " + s.name() + " or endpoint "
                        + s.endpoint());
            }
        }
        ZoneServer server = new ZoneServer((int) tx.nextId("server", 0), name, endpoint);
        tx.putServer(server);
        return server;
    }

    static ZoneServer deleteServer(ZoneTransaction tx, int id) {
        ZoneServer server = tx.servers().stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no zone server with id " + id));
        tx.deleteServer(id);
        return server;
    }

    private static Host host(ZoneTransaction tx, String ref) {
        return Refs.find(ref, "host", tx::host, tx::hostByName);
    }

    private static void requireName(String kind, String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new ZoneException("invalid " + kind + " name '" + name + "': use letters, digits, '.', '_', '-'");
        }
    }
}
