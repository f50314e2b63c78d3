package org.zonekeeper.ha.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;

/**
 * The step a host needs next, from its replicated state and recovery: ERROR for wait.cycles monitoring cycles, or
 * until its BMC reports its power OFF (asked once per wait: a host that lost power cannot answer again, and fencing
 * it powers nothing off) → FENCING (unless the mass-failure guard holds it; a host its second opinion found DOWN
 * goes on at once) → (power-off confirmed) FENCED → VMs moved → recovery ended; FENCE_FAILED → FENCING again after a growing pause; a
 * host that answers again ends its recovery.
 */
final class HostSteps {
    private static final Logger LOG = LoggerFactory.getLogger(HostSteps.class);

    private final HostService hosts;
    private final RecoveryService recoveries;
    private final HaPolicy policy;
    private final Fencing fencing;
    private final Redeploy redeploy;
    private final MassFailureGuard guard;
    /** The WAITING record (its time) each host's BMC was last asked about: once per wait, not every tick. */
    private final Map<Long, Long> askedPower = new HashMap<>();

    HostSteps(HostService hosts, RecoveryService recoveries, HaPolicy policy, Fencing fencing, Redeploy redeploy,
            MassFailureGuard guard) {
        this.hosts = hosts;
        this.recoveries = recoveries;
        this.policy = policy;
        this.fencing = fencing;
        this.redeploy = redeploy;
        this.guard = guard;
    }

    /**
     * The step this host needs now, if any; {@code held}: the mass-failure guard holds hosts in ERROR. Called from
     * the workflow's one tick thread.
     */
    Optional<Runnable> next(Host host, Recovery recovery, boolean held) {
        long now = System.currentTimeMillis();
        return switch (host.state()) {
            case ERROR -> recovery == null
                    ? Optional.of(() -> recoveries.record(host.id(), Steps.WAITING, 0, "host stopped answering"))
                    : recovery.step().equals(Steps.DOWN) ? fence(host, HostState.ERROR)
                    : held ? guard.hold(host, recovery)
                    : recovery.step().equals(Recovery.HELD) ? guard.release(host, recovery)
                    // since the WAITING record: the first, or the one written when the guard let the host go
                    : now - recovery.updated() >= policy.errorWait().toMillis() ? fence(host, HostState.ERROR)
                    : policy.fencing() && firstAsk(host, recovery) ? Optional.of(() -> fenceIfOff(host))
                    : Optional.empty();
            case FENCING -> Optional.of(() -> fencing.fence(host, recovery));
            case FENCE_FAILED -> recovery != null && now - recovery.updated()
                    >= policy.fenceBackoff(recovery.attempts()).toMillis()
                            ? fence(host, HostState.FENCE_FAILED) : Optional.empty();
            case FENCED -> Optional.of(() -> {
                if (redeploy.run(host, recovery) && recovery != null) {
                    recoveries.end(host.id());
                    LOG.info("host {} recovered: no VM left on it; it stays disabled until an operator enables it",
                            host.name());
                }
            });
            case MONITORED -> recovery != null ? Optional.of(() -> {
                recoveries.end(host.id());
                LOG.info("host {} answers again: recovery abandoned before fencing", host.name());
            }) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** True the first time it is called for this WAITING record of {@code host}. */
    private boolean firstAsk(Host host, Recovery recovery) {
        Long before = askedPower.put(host.id(), recovery.updated());
        return before == null || before != recovery.updated();
    }

    /** Moves a waiting host into FENCING at once when its BMC reports its power OFF. */
    private void fenceIfOff(Host host) {
        if (fencing.reportsOff(host)) {
            LOG.info("host {}: its BMC reports its power OFF: fenced without waiting wait.cycles", host.name());
            hosts.setState(host.name(), Set.of(HostState.ERROR), HostState.FENCING);
        }
    }

    /** The term-fenced move of a host from {@code from} into FENCING (a new fencing attempt). */
    private Optional<Runnable> fence(Host host, HostState from) {
        return Optional.of(() -> hosts.setState(host.name(), Set.of(from), HostState.FENCING));
    }
}
