package org.zonekeeper.monitor.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;

/** Brings the zone's VM states in line with what a host reports. */
final class VmStates {
    private static final Logger LOG = LoggerFactory.getLogger(VmStates.class);

    private final VmService vms;

    VmStates(VmService vms) {
        this.vms = vms;
    }

    /** The VMs placed on each host, read once per monitoring round. */
    Map<Long, List<Vm>> byHost() {
        return vms.list(ReadMode.LOCAL).stream().collect(Collectors.groupingBy(Vm::hostId));
    }

    /**
     * DEPLOYING or UNKNOWN that {@code host} (with the VMs {@code placed} on it) runs become RUNNING; RUNNING that it no longer runs become FAILED, unless
     * the VM changed after {@code probed} (when the probe was sent): the report may predate its deploy.
     */
    void reconcile(Host host, List<Vm> placed, HostReport report, long probed) {
        for (Vm vm : placed) {
            VmState reported = report.vms().get(vm.deployId());
            if (reported == VmState.RUNNING && (vm.state() == VmState.DEPLOYING || vm.state() == VmState.UNKNOWN)) {
                set(vm, Set.of(VmState.DEPLOYING, VmState.UNKNOWN), VmState.RUNNING, host);
            } else if (vm.state() == VmState.RUNNING && reported != VmState.RUNNING && vm.updated() < probed) {
                set(vm, Set.of(VmState.RUNNING), VmState.FAILED, host);
            }
        }
    }

    /** A host in ERROR: whether its VMs still run is unknown. */
    void hostLost(Host host, List<Vm> placed) {
        for (Vm vm : placed) {
            if (vm.state() == VmState.RUNNING || vm.state() == VmState.DEPLOYING) {
                set(vm, Set.of(VmState.RUNNING, VmState.DEPLOYING), VmState.UNKNOWN, host);
            }
        }
    }

    private void set(Vm vm, Set<VmState> from, VmState to, Host host) {
        try {
            vms.setState(vm.name(), from, to, host.id());
            LOG.info("VM {} on {}: {}", vm.name(), host.name(), to);
        } catch (ZoneException e) {
            LOG.info("VM {} on {} not set {}: {}", vm.name(), host.name(), to, e.getMessage());
        }
    }
}
