package org.zonekeeper.ha.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;
import org.zonekeeper.api.fencing.PowerState;

/**
 * Fences a host in FENCING under its current attempt id: FENCED only once its BMC confirmed OFF, FENCE_FAILED
 * otherwise (every level failed, BMC unreachable, timeout). Each step is recorded under that attempt before the
 * next: a refusal (the host has left the attempt) stops it, so nothing is powered off on a stale view. A host a
 * previous leader was fencing is first asked for its state, so a power-off that already happened is not sent again.
 */
final class Fencing {
    private static final Logger LOG = LoggerFactory.getLogger(Fencing.class);

    private final HostService hosts;
    private final FencingService fencing;
    private final HaPolicy policy;

    Fencing(HostService hosts, FencingService fencing, HaPolicy policy) {
        this.hosts = hosts;
        this.fencing = fencing;
        this.policy = policy;
    }

    void fence(Host host, Recovery recovery) {
        int tries = recovery == null ? 1 : recovery.attempts() + 1;
        long attempt = host.fencingAttempt();
        if (!policy.fencing()) {
            LOG.warn("host {}: fencing is switched off (org.zonekeeper.ha fencing = false): its VMs are redeployed "
                    + "WITHOUT a confirmed power-off; if it still runs them, their disks will be corrupted", host.name());
            hosts.recordFencing(host.id(), attempt, FencingStep.CONFIRMED_OFF, tries,
                    "not powered off: fencing is switched off");
            return;
        }
        boolean resumed = recovery != null && recovery.step().equals(Recovery.FENCING);
        // a host found down by the second opinion keeps the servers' words until its power-off is answered
        String why = recovery != null && recovery.step().equals(Steps.DOWN) ? recovery.detail() + "; " : "";
        hosts.recordFencing(host.id(), attempt, FencingStep.POWERING_OFF, tries, why + "powering off");
        FencingResult result = resumed ? offReading(host) : null;
        if (result == null) {
            result = fencing.off(host.name());
        }
        if (result.success() && result.state() == PowerState.OFF) {
            hosts.recordFencing(host.id(), attempt, FencingStep.CONFIRMED_OFF, tries, result.summary());
            LOG.info("host {} fenced (attempt {}): {}", host.name(), attempt, result.summary());
        } else {
            hosts.recordFencing(host.id(), attempt, FencingStep.FAILED, tries, result.summary());
            LOG.error("host {} NOT fenced (attempt {}), its VMs stay where they are: {}", host.name(), attempt,
                    result.summary());
        }
    }

    /** Whether the host's BMC reports its power OFF now (no answer: false). */
    boolean reportsOff(Host host) {
        return offReading(host) != null;
    }

    /** A confirmed OFF read from the BMC, or null (to send the power-off). */
    private FencingResult offReading(Host host) {
        FencingResult status = fencing.status(host.name());
        return status.success() && status.state() == PowerState.OFF ? status : null;
    }
}
