package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.Test;
import org.zonekeeper.api.config.InvalidConfigException;

public class HaSettingsTest {

    private static final Duration CYCLE = Duration.ofSeconds(3);

    @Test
    public void defaultsFenceAfterTwoCyclesAndMigrate() {
        HaSettings s = HaSettings.parse(Map.of(), CYCLE);
        assertEquals(HaSettings.Mode.MIGRATE, s.mode());
        assertTrue(s.fencing());
        assertEquals(Duration.ofSeconds(6), s.errorWait());
    }

    @Test
    public void fencingRetriesBackOffUpToTheMaximum() {
        HaSettings s = HaSettings.parse(Map.of("fence.retry.ms", "1000", "fence.retry.max.ms", "5000"), CYCLE);
        assertEquals(Duration.ofSeconds(1), s.fenceBackoff(1));
        assertEquals(Duration.ofSeconds(2), s.fenceBackoff(2));
        assertEquals(Duration.ofSeconds(4), s.fenceBackoff(3));
        assertEquals(Duration.ofSeconds(5), s.fenceBackoff(4));
        assertEquals(Duration.ofSeconds(5), s.fenceBackoff(60));
    }

    @Test
    public void badValuesAreRefusedNamingTheKey() {
        assertEquals("mode", refused(Map.of("mode", "reboot")).key());
        assertTrue(refused(Map.of("mode", "recreate")).getMessage().contains("use migrate"));
        assertEquals("fencing", refused(Map.of("fencing", "no")).key());
        assertEquals("fence.retry.max.ms", refused(Map.of("fence.retry.ms", "9000", "fence.retry.max.ms", "1000"))
                .key());
    }

    @Test
    public void theMassFailureGuardHoldsMoreThanTheFractionAndAtLeastTwoHosts() {
        HaSettings s = HaSettings.parse(Map.of(), CYCLE);
        assertFalse("one host alone is never a mass failure", s.massFailure(1, 1));
        assertFalse(s.massFailure(2, 4));
        assertTrue(s.massFailure(3, 4));
        assertTrue(s.massFailure(2, 2));
        assertFalse("1 switches it off", HaSettings.parse(Map.of("max.failed.fraction", "1"), CYCLE)
                .massFailure(10, 10));
        assertEquals("max.failed.fraction", refused(Map.of("max.failed.fraction", "0")).key());
        assertTrue(refused(Map.of("max.failed.fraction", "half")).getMessage().contains("not a decimal number"));
    }

    private static InvalidConfigException refused(Map<String, Object> properties) {
        return assertThrows(InvalidConfigException.class, () -> HaSettings.parse(properties, CYCLE));
    }
}
