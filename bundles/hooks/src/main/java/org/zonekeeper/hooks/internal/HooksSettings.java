package org.zonekeeper.hooks.internal;

import java.time.Duration;
import java.util.Map;

import org.zonekeeper.api.config.ConfigValues;

/** The checked content of {@link HooksConfig}. */
record HooksSettings(int maxConcurrent, Duration poll, long outputLimit, Duration bundleTimeout) {

    static HooksSettings parse(Map<String, ?> properties) {
        ConfigValues values = new ConfigValues(HooksConfig.PID, properties);
        long limit = values.number("output.limit.bytes", 1_048_576);
        if (limit < 4096 || limit > 1L << 30) {
            throw values.invalid("output.limit.bytes", limit + " is out of range 4096..1073741824");
        }
        Duration poll = values.millis("poll.ms", 250, 50);
        if (poll.toMillis() > 60_000) {
            throw values.invalid("poll.ms", poll.toMillis() + " ms is out of range 50..60000");
        }
        return new HooksSettings(values.integer("max.concurrent", 8, 1, 256), poll, limit,
                values.millis("bundle.timeout.ms", 60000, 100));
    }
}
