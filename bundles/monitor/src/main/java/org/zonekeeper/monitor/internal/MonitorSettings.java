package org.zonekeeper.monitor.internal;

import java.time.Duration;
import java.util.Map;

import org.zonekeeper.api.config.ConfigValues;

/** The checked content of {@link MonitorConfig}. */
record MonitorSettings(Duration interval, int failures, Duration probeTimeout, int maxConcurrent) {

    static MonitorSettings parse(Map<String, ?> properties) {
        ConfigValues values = new ConfigValues(MonitorConfig.PID, properties);
        Duration interval = values.millis("interval.ms", 3000, 200);
        Duration timeout = values.millis("probe.timeout.ms", 2000, 100);
        if (timeout.compareTo(interval) > 0) {
            throw values.invalid("probe.timeout.ms", timeout.toMillis() + " must not exceed interval.ms ("
                    + interval.toMillis() + ")");
        }
        return new MonitorSettings(interval, values.integer("failures", 3, 1, 100), timeout,
                values.integer("max.concurrent", 256, 1, 10_000));
    }
}
