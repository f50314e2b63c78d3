package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.function.Function;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.model.FinishHookExecution;
import org.zonekeeper.model.RecordRecovery;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.store.ZoneTransaction;

/** The hook log, cursors and recoveries on a real (H2) database. */
public class LogRulesTest {

    @Rule
    public AppliedDatabase applied = AppliedDatabase.beforeAnyClaim();

    private ZoneDatabase db;

    @Before
    public void open() {
        db = applied.db();
        apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"), 1));
    }

    private Outcome apply(Function<ZoneTransaction, Outcome> rule) {
        return applied.apply(rule);
    }

    private String refusal(Function<ZoneTransaction, Outcome> rule) {
        return applied.refusal(rule);
    }

    @Test
    public void anExecutionIsRecordedRunningThenFinishedWithItsOutputTail() {
        ZoneEvent event = db.events(0, 10).get(1);
        HookExecution started = apply(tx -> LogRules.startHook(tx, "notify", event, "1 a2ty", 1, 0, 100)).item();
        assertEquals(HookExecution.State.RUNNING, started.state());
        assertEquals("HOST/INIT", started.event());
        String flood = "x".repeat(10_000) + "END";
        HookExecution done = apply(tx -> LogRules.finishHook(tx, new FinishHookExecution(started.id(),
                HookExecution.State.FAILED, 3, flood, "boom", "exit 3"), 200)).item();
        assertEquals(HookExecution.State.FAILED, done.state());
        assertEquals(HookExecution.MAX_OUTPUT, done.stdout().length());
        assertTrue(done.stdout().endsWith("END"));
        assertEquals(100, done.started());
        assertEquals(200, done.ended());
        assertEquals(done, db.hookExecution(started.id()).orElseThrow());
    }

    @Test
    public void anExecutionMarkedRetriedCannotBeFinishedByADeposedLeader() {
        ZoneEvent event = db.events(0, 10).get(0);
        HookExecution started = apply(tx -> LogRules.startHook(tx, "notify", event, "", 1, 0, 100)).item();
        apply(tx -> LogRules.finishHook(tx, new FinishHookExecution(started.id(), HookExecution.State.RETRIED, -1,
                "", "", "interrupted by a leader change"), 150));
        String late = refusal(tx -> LogRules.finishHook(tx,
                new FinishHookExecution(started.id(), HookExecution.State.SUCCEEDED, 0, "", "", ""), 200));
        assertEquals("hook execution " + started.id() + " is already RETRIED", late);
        assertEquals(HookExecution.State.RETRIED, db.hookExecution(started.id()).orElseThrow().state());
    }

    @Test
    public void cursorsOnlyMoveForward() {
        apply(tx -> {
            LogRules.advance(tx, "hooks", 5);
            LogRules.advance(tx, "hooks", 3);
            return null;
        });
        assertEquals(5, db.cursor("hooks"));
        assertEquals(0, db.cursor("other"));
    }

    @Test
    public void aRecoveryKeepsItsStartAcrossSteps() {
        long host = db.hosts().get(0).id();
        apply(tx -> LogRules.record(tx, RecordRecovery.step(host, "WAITING", 1, "3 probes missed"), 10));
        apply(tx -> LogRules.record(tx, RecordRecovery.step(host, "FENCING", 2, "level 1 failed"), 20));
        Recovery r = db.recoveries().get(0);
        assertEquals(new Recovery(host, "kvm-1", "FENCING", 2, 10, 20, "level 1 failed"), r);
        apply(tx -> LogRules.record(tx, RecordRecovery.end(host), 30));
        assertTrue(db.recoveries().isEmpty());
    }

    @Test
    public void onceTermsAreClaimedAFencingStepNeedsAHostInFencing() {
        long host = db.hosts().get(0).id();
        apply(tx -> LeaderRules.claim(tx, 1, "zk0", 1));
        assertEquals("host kvm-1 is INIT, not FENCING: it is not powered off",
                refusal(tx -> LogRules.record(tx, RecordRecovery.step(host, "FENCING", 1, "powering off"), 10)));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", java.util.Set.of(org.zonekeeper.api.HostState.INIT),
                org.zonekeeper.api.HostState.FENCING, 11));
        apply(tx -> LogRules.record(tx, RecordRecovery.step(host, "FENCING", 1, "powering off"), 12));
        assertEquals("FENCING", db.recoveries().get(0).step());
    }

    @Test
    public void theFirstHostHeldRaisesOneMassFailureEvent() {
        apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-2", "c", 800, 8192, "kvm", "kvm"), 1));
        for (Host h : db.hosts()) {
            apply(tx -> LogRules.record(tx, RecordRecovery.step(h.id(), Recovery.HELD, 0, "2 of 2"), 10));
        }
        apply(tx -> LogRules.record(tx, RecordRecovery.step(db.hosts().get(0).id(), Recovery.HELD, 0, "2 of 2"), 11));
        assertEquals(1, db.events(0, 100).stream().filter(e -> e.name().equals("ZONE/MASS_FAILURE")).count());
    }
}
