package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.zonekeeper.api.config.InvalidConfigException;

public class HaPolicyTest {

    private static final Duration CYCLE = Duration.ofSeconds(3);

    private static HaPolicy policy(Map<String, Object> properties) {
        return new HaPolicy(RecoveryController.check(properties), CYCLE);
    }

    @Test
    public void defaultsFenceAfterThreeCyclesAndMigrate() {
        HaPolicy s = policy(Map.of());
        assertEquals(Mode.MIGRATE, s.mode());
        assertTrue(s.fencing());
        assertEquals(Duration.ofSeconds(9), s.errorWait());
        assertEquals("whatever its case", Mode.HOOK, policy(Map.of("mode", " Hook")).mode());
    }

    @Test
    public void fencingRetriesBackOffUpToTheMaximum() {
        HaPolicy s = policy(Map.of("fence.retry.ms", "1000", "fence.retry.max.ms", "5000"));
        assertEquals(Duration.ofSeconds(1), s.fenceBackoff(1));
        assertEquals(Duration.ofSeconds(2), s.fenceBackoff(2));
        assertEquals(Duration.ofSeconds(4), s.fenceBackoff(3));
        assertEquals(Duration.ofSeconds(5), s.fenceBackoff(4));
        assertEquals(Duration.ofSeconds(5), s.fenceBackoff(60));
    }

    @Test
    public void badValuesAreRefusedNamingTheKey() {
        assertEquals("mode", refused(Map.of("mode", "reboot")).key());
        assertEquals("org.zonekeeper.ha: mode: 'reboot' is not migrate, delete or hook",
                refused(Map.of("mode", "reboot")).getMessage());
        assertTrue(refused(Map.of("mode", "recreate")).getMessage().contains("use migrate"));
        assertEquals("fencing", refused(Map.of("fencing", "no")).key());
        assertEquals("fence.retry.max.ms", refused(Map.of("fence.retry.ms", "9000", "fence.retry.max.ms", "1000"))
                .key());
    }

    @Test
    public void everyBadKeyIsReportedAtOnce() {
        assertEquals(List.of("fencing", "wait.cycles", "mode", "fence.retry.max.ms"), refused(Map.of("mode",
                "reboot", "fencing", "no", "wait.cycles", "-1", "fence.retry.ms", "9000", "fence.retry.max.ms",
                "1000")).problems().stream().map(InvalidConfigException.Problem::key).toList());
    }

    @Test
    public void theMassFailureGuardHoldsMoreThanTheFractionAndAtLeastTwoHosts() {
        HaPolicy s = policy(Map.of());
        assertFalse("one host alone is never a mass failure", s.massFailure(1, 1));
        assertFalse(s.massFailure(2, 4));
        assertTrue(s.massFailure(3, 4));
        assertTrue(s.massFailure(2, 2));
        assertFalse("1 switches it off", policy(Map.of("max.failed.fraction", "1")).massFailure(10, 10));
        assertEquals("max.failed.fraction", refused(Map.of("max.failed.fraction", "0")).key());
        assertTrue(refused(Map.of("max.failed.fraction", "half")).getMessage().contains("not a decimal number"));
    }

    private static InvalidConfigException refused(Map<String, Object> properties) {
        return assertThrows(InvalidConfigException.class, () -> RecoveryController.check(properties));
    }
}
