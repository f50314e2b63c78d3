package org.zonekeeper.ha.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;

/**
 * Moves the VMs off a FENCED host according to the mode, highest priority first, one placement (through Raft) then
 * one deploy each; a VM with ha off is marked STOPPED where it is instead. A VM
 * already placed elsewhere by a previous leader is only deployed again (the agent's deploy is idempotent).
 */
final class Redeploy {
    private static final Logger LOG = LoggerFactory.getLogger(Redeploy.class);
    /** States of a VM on a fenced host that must move. */
    private static final Set<VmState> STRANDED = Set.of(VmState.RUNNING, VmState.UNKNOWN, VmState.DEPLOYING,
            VmState.FAILED, VmState.PENDING);

    /** The order the VMs of a fenced host are started elsewhere: highest priority first, then by id. */
    static final Comparator<Vm> RESTART_ORDER = Comparator.comparingInt(Vm::priority).reversed()
            .thenComparingLong(Vm::id);

    private final VmService vms;
    private final RecoveryService recoveries;
    private final Deployments deployments;
    private final HaPolicy policy;
    private final Placement placement;

    Redeploy(VmService vms, RecoveryService recoveries, Deployments deployments, HaPolicy policy,
            Placement placement) {
        this.placement = placement;
        this.vms = vms;
        this.recoveries = recoveries;
        this.deployments = deployments;
        this.policy = policy;
    }

    /** The VMs of the host that must still move (or, with ha off, be marked STOPPED), highest priority first. */
    List<Vm> stranded(Host fenced) {
        return vms.list(ReadMode.LOCAL).stream()
                .filter(v -> v.hostId() == fenced.id() && STRANDED.contains(v.state()))
                .sorted(RESTART_ORDER).toList();
    }

    /** Moves the VMs left on the host; returns true when none was left. */
    boolean run(Host fenced, Recovery recovery) {
        List<Vm> stranded = stranded(fenced);
        if (stranded.isEmpty()) {
            return true;
        }
        // an operator's declaration stays shown (ha:status) for as long as the recovery that rests on it
        String declaration = recovery == null ? "" : recovery.declaration();
        recoveries.record(fenced.id(), Steps.REDEPLOYING, 1, (declaration.isEmpty() ? "" : declaration + "; ")
                + stranded.size() + " VM(s) to move");
        for (Vm vm : stranded) {
            try {
                if (!vm.ha()) {
                    // its host is confirmed off, so the VM is: left there, stopped, for an operator to start
                    vms.setState(vm.name(), STRANDED, VmState.STOPPED, fenced.id());
                    LOG.info("VM {} of fenced host {} STOPPED there (ha off)", vm.name(), fenced.name());
                    continue;
                }
                move(vm, fenced);
            } catch (ZoneException e) {
                LOG.warn("VM {} of fenced host {} not moved yet: {}", vm.name(), fenced.name(), e.getMessage());
            }
        }
        return false;
    }

    private void move(Vm vm, Host fenced) {
        switch (policy.mode()) {
            case DELETE -> {
                vms.delete(vm.name());
                LOG.info("VM {} of fenced host {} deleted (mode delete)", vm.name(), fenced.name());
            }
            default -> placeAndDeploy(vm);
        }
    }

    private void placeAndDeploy(Vm vm) {
        Placement.Placed moving = placement.place(vm, STRANDED).orElseThrow(() -> new ZoneException(
                "no enabled, monitored host has room for " + vm.cpu() + " CPU and " + vm.memoryMb() + " MB"));
        deployments.start(moving.vm(), moving.host());
    }
}
