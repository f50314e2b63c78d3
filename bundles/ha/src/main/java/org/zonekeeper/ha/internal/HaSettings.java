package org.zonekeeper.ha.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.zonekeeper.api.config.ConfigValues;

/** The checked content of {@link HaConfig}; {@code cycle} is the monitoring interval. */
record HaSettings(Mode mode, int waitCycles, boolean fencing, Duration fenceRetry, Duration fenceRetryMax,
        int maxConcurrent, double maxFailedFraction, Duration cycle) {

    enum Mode {
        MIGRATE, DELETE, HOOK
    }

    static HaSettings parse(Map<String, ?> properties, Duration cycle) {
        ConfigValues values = new ConfigValues(HaConfig.PID, properties);
        String mode = values.string("mode", "migrate");
        if (mode.equals("recreate")) {
            // delete + create are two log entries: a failover between them would lose the VM
            throw values.invalid("mode", "recreate is not available yet (it needs one atomic log entry); use migrate");
        }
        Mode parsed;
        try {
            parsed = Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw values.invalid("mode", "'" + mode + "' is not migrate, delete or hook");
        }
        Duration retry = values.millis("fence.retry.ms", 10000, 100);
        Duration retryMax = values.millis("fence.retry.max.ms", 300000, 100);
        if (retryMax.compareTo(retry) < 0) {
            throw values.invalid("fence.retry.max.ms", retryMax.toMillis() + " is below fence.retry.ms");
        }
        return new HaSettings(parsed, values.integer("wait.cycles", 2, 0, 1000), values.bool("fencing", true), retry,
                retryMax, values.integer("max.concurrent", 8, 1, 256), values.fraction("max.failed.fraction", 0.5),
                cycle);
    }

    /** Whether {@code failed} hosts in ERROR out of {@code watched} monitored ones look like a mass failure. */
    boolean massFailure(int failed, int watched) {
        return failed >= 2 && failed > maxFailedFraction * watched;
    }

    /** How long a host stays in ERROR before it is fenced. */
    Duration errorWait() {
        return cycle.multipliedBy(waitCycles);
    }

    /** The pause before fencing attempt {@code attempts + 1}: doubling from fence.retry.ms up to its maximum. */
    Duration fenceBackoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = fenceRetry.multipliedBy(factor);
        return wait.compareTo(fenceRetryMax) > 0 ? fenceRetryMax : wait;
    }
}
