package org.zonekeeper.ha.internal;

import java.io.IOException;
import java.time.Duration;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What the checked {@link RecoveryController.Config} decides: the mode, when a host in ERROR is fenced, how fencing
 * retries back off, what a mass failure is and how
 * the second opinion is asked. {@code cycle} is the monitoring interval, which wait.cycles counts.
 */
final class HaPolicy {
    private final RecoveryController.Config config;
    private final Mode mode;
    private final Duration cycle;

    HaPolicy(RecoveryController.Config config, Duration cycle) {
        this.config = config;
        this.mode = Mode.of(config.mode());
        this.cycle = cycle;
    }

    Mode mode() {
        return mode;
    }

    /** False: VMs move without a confirmed power-off. */
    boolean fencing() {
        return config.fencing();
    }

    double maxFailedFraction() {
        return config.max_failed_fraction();
    }

    /** Whether {@code failed} hosts in ERROR out of {@code watched} monitored ones look like a mass failure. */
    boolean massFailure(int failed, int watched) {
        return failed >= 2 && failed > config.max_failed_fraction() * watched;
    }

    /** How long another server probes the held hosts for the second opinion. */
    Duration secondOpinionTimeout() {
        return Duration.ofMillis(config.second_opinion_timeout_ms());
    }

    /** How often the other servers are asked again while the same hosts stay held. */
    Duration secondOpinionInterval() {
        return Duration.ofMillis(config.second_opinion_interval_ms());
    }

    /** How long a host stays in ERROR before it is fenced. */
    /**
     * How long a new leader leads before it may find itself at fault: its own monitor has then probed every host at
     * least twice (hosts it reaches are MONITORED again) and their wait.cycles have passed. Hosts held when it took
     * over were held on the view of the leader before it.
     */
    Duration ownView() {
        return cycle.multipliedBy(config.wait_cycles() + 2L);
    }

    Duration errorWait() {
        return cycle.multipliedBy(config.wait_cycles());
    }

    /** The pause before fencing attempt {@code attempts + 1}: doubling from fence.retry.ms up to its maximum. */
    Duration fenceBackoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = Duration.ofMillis(config.fence_retry_ms()).multipliedBy(factor);
        Duration max = Duration.ofMillis(config.fence_retry_max_ms());
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The monitor's interval: wait.cycles counts its cycles. */
    static Duration monitoringInterval(ConfigurationAdmin configurations) {
        try {
            Configuration c = configurations.getConfiguration("org.zonekeeper.monitor", null);
            Object value = c.getProperties() == null ? null : c.getProperties().get("interval.ms");
            return Duration.ofMillis(value == null ? 3000 : Long.parseLong(value.toString().trim()));
        } catch (IOException | NumberFormatException e) {
            return Duration.ofMillis(3000);
        }
    }
}
