package org.zonekeeper.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.Map;

import org.junit.Test;
import org.zonekeeper.api.config.InvalidConfigException;

public class MonitorSettingsTest {

    @Test
    public void defaultsProbeEveryThreeSecondsAndGiveUpAfterThreeMisses() {
        MonitorSettings s = MonitorSettings.parse(Map.of());
        assertEquals(Duration.ofSeconds(3), s.interval());
        assertEquals(3, s.failures());
        assertEquals(Duration.ofSeconds(2), s.probeTimeout());
    }

    @Test
    public void aProbeMayNotOutlastTheInterval() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> MonitorSettings.parse(Map.of("interval.ms", "1000", "probe.timeout.ms", "2000")));
        assertEquals("org.zonekeeper.monitor: probe.timeout.ms: 2000 must not exceed interval.ms (1000)",
                e.getMessage());
        assertEquals("failures", assertThrows(InvalidConfigException.class,
                () -> MonitorSettings.parse(Map.of("failures", "0"))).key());
    }
}
