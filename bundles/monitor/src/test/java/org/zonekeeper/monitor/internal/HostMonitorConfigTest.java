package org.zonekeeper.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.zonekeeper.api.config.InvalidConfigException;

public class HostMonitorConfigTest {

    @Test
    public void defaultsProbeEveryThreeSecondsAndGiveUpAfterThreeMisses() {
        HostMonitor.Config c = HostMonitor.check(Map.of());
        assertEquals(3000, c.interval_ms());
        assertEquals(3, c.failures());
        assertEquals(2000, c.probe_timeout_ms());
    }

    @Test
    public void aProbeMayNotOutlastTheInterval() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> HostMonitor.check(Map.of("interval.ms", "1000", "probe.timeout.ms", "2000")));
        assertEquals("org.zonekeeper.monitor: probe.timeout.ms: 2000 must not exceed interval.ms (1000)",
                e.getMessage());
        assertEquals("failures", assertThrows(InvalidConfigException.class,
                () -> HostMonitor.check(Map.of("failures", "0"))).key());
    }

    @Test
    public void everyBadKeyIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> HostMonitor.check(Map.of("interval.ms", "50", "failures", "0", "max.concurrent", "many")));
        assertEquals(List.of("failures", "interval.ms", "max.concurrent"),
                e.problems().stream().map(InvalidConfigException.Problem::key).toList());
        assertEquals("org.zonekeeper.monitor: interval.ms: 50 ms is out of range 200..3600000",
                e.getMessage().lines().toList().get(1));
    }
}
