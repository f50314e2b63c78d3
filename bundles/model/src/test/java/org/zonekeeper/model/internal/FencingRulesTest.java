package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.model.RecordFencing;

/** Fencing attempt ids on a real (H2) database: a result counts only for the attempt still under way. */
public class FencingRulesTest {

    @Rule
    public AppliedDatabase applied = new AppliedDatabase();

    private long hostId;

    @Before
    public void monitoredHost() {
        hostId = applied.apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"),
                1)).<Host>item().id();
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.INIT), HostState.MONITORED, 2));
    }

    /** ERROR → FENCING; returns the attempt id the zone gave it. */
    private long startAttempt() {
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 3));
        return applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 4))
                .<Host>item().fencingAttempt();
    }

    /** FENCED → enabled → INIT → MONITORED: an operator brought it back. */
    private void enableAgain() {
        applied.apply(tx -> ZoneRules.setHostEnabled(tx, "kvm-1", true, 6));
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.INIT), HostState.MONITORED, 7));
    }

    private String refusal(long attempt, FencingStep step) {
        return applied.refusal(tx -> FencingRules.record(tx, new RecordFencing(hostId, attempt, step, 1, "late"), 9));
    }

    private Host host() {
        return applied.db().hosts().get(0);
    }

    @Test
    public void eachEntryIntoFencingIsANewAttempt() {
        long first = startAttempt();
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        enableAgain();
        long second = startAttempt();
        assertTrue("attempt ids are given, never 0", first > 0);
        assertTrue(first + " then " + second, second > first);
    }

    @Test
    public void aConfirmedOffOfAnEarlierAttemptDoesNotCertifyALaterOne() {
        long first = startAttempt();
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        enableAgain();
        long second = startAttempt();
        assertEquals("host kvm-1 is FENCING (fencing attempt " + second + "), not FENCING under attempt " + first
                + ": this result is not its", refusal(first, FencingStep.CONFIRMED_OFF));
        assertEquals(HostState.FENCING, host().state());
        assertTrue("still enabled: nothing certified it off", host().enabled());
    }

    @Test
    public void aPowerOffOnAStaleViewOfFencingIsRefusedForAnEnabledHost() {
        long first = startAttempt();
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        enableAgain();
        assertEquals("host kvm-1 is MONITORED (fencing attempt " + first + "), not FENCING under attempt " + first
                + ": it is not powered off", refusal(first, FencingStep.POWERING_OFF));
        assertEquals(HostState.MONITORED, host().state());
    }

    @Test
    public void theCurrentAttemptIsRecordedThroughItsSteps() {
        long attempt = startAttempt();
        applied.fencing("kvm-1", FencingStep.POWERING_OFF);
        Recovery sent = applied.db().recoveries().get(0);
        assertEquals(Recovery.FENCING, sent.step());
        assertEquals("attempt " + attempt + ": test", sent.detail());
        applied.fencing("kvm-1", FencingStep.FAILED);
        assertEquals(HostState.FENCE_FAILED, host().state());
        assertEquals(Recovery.FENCE_FAILED, applied.db().recoveries().get(0).step());
        assertEquals("a failure keeps the attempt until the next entry into FENCING", attempt,
                host().fencingAttempt());
        long next = applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.FENCE_FAILED),
                HostState.FENCING, 8)).<Host>item().fencingAttempt();
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        assertEquals(HostState.FENCED, host().state());
        assertFalse(host().enabled());
        assertEquals(next, host().fencingAttempt());
        assertEquals("a repeated confirmation is taken as done", HostState.FENCED,
                applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF).<Host>item().state());
    }

    @Test
    public void aHostFencingUnderAnAttemptLeavesItOnlyThroughItsResult() {
        long attempt = startAttempt();
        assertEquals("host kvm-1 is FENCING under attempt " + attempt + ": only that attempt's recorded result moves"
                + " it on (RecordFencing)", applied.refusal(tx -> HaRules.setHostState(tx, "kvm-1",
                        Set.of(HostState.FENCING), HostState.FENCED, 5)));
    }
}
