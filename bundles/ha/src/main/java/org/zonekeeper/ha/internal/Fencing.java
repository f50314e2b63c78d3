package org.zonekeeper.ha.internal;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;
import org.zonekeeper.api.fencing.PowerState;

/**
 * Fences a host in FENCING: FENCED only once its BMC confirmed OFF, FENCE_FAILED otherwise (every level failed, BMC
 * unreachable, timeout). A host a previous leader was fencing is first asked for its state, so a power-off that
 * already happened is not sent again.
 */
final class Fencing {
    private static final Logger LOG = LoggerFactory.getLogger(Fencing.class);

    private final HostService hosts;
    private final RecoveryService recoveries;
    private final FencingService fencing;
    private final HaSettings settings;

    Fencing(HostService hosts, RecoveryService recoveries, FencingService fencing, HaSettings settings) {
        this.hosts = hosts;
        this.recoveries = recoveries;
        this.fencing = fencing;
        this.settings = settings;
    }

    void fence(Host host, Recovery recovery) {
        int attempt = recovery == null ? 1 : recovery.attempts() + 1;
        recoveries.record(host.id(), Steps.FENCING, attempt, "powering off");
        if (!settings.fencing()) {
            LOG.warn("host {}: fencing is switched off (org.zonekeeper.ha fencing = false): its VMs are redeployed "
                    + "WITHOUT a confirmed power-off; if it still runs them, their disks will be corrupted", host.name());
            hosts.setState(host.name(), Set.of(HostState.FENCING), HostState.FENCED);
            return;
        }
        FencingResult result = recovery != null && recovery.step().equals(Steps.FENCING) ? alreadyOff(host) : null;
        if (result == null) {
            result = fencing.off(host.name());
        }
        if (result.success() && result.state() == PowerState.OFF) {
            hosts.setState(host.name(), Set.of(HostState.FENCING), HostState.FENCED);
            LOG.info("host {} fenced: {}", host.name(), result.summary());
        } else {
            recoveries.record(host.id(), Steps.FENCE_FAILED, attempt, result.summary());
            hosts.setState(host.name(), Set.of(HostState.FENCING), HostState.FENCE_FAILED);
            LOG.error("host {} NOT fenced, its VMs stay where they are: {}", host.name(), result.summary());
        }
    }

    /** A confirmed OFF read from the BMC, or null to send the power-off. */
    private FencingResult alreadyOff(Host host) {
        FencingResult status = fencing.status(host.name());
        return status.success() && status.state() == PowerState.OFF ? status : null;
    }
}
