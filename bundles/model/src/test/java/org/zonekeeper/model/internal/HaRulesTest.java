package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.store.ZoneTransaction;

/** The recovery rules on a real (H2) database, one applied entry per call as the state machine does. */
public class HaRulesTest {

    @Rule
    public AppliedDatabase applied = new AppliedDatabase();

    private ZoneDatabase db;

    @Before
    public void open() {
        db = applied.db();
        apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"), 1));
        apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-2", "c", 800, 8192, "kvm", "kvm"), 1));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.INIT), HostState.MONITORED, 2));
        apply(tx -> HaRules.setHostState(tx, "kvm-2", Set.of(HostState.INIT), HostState.MONITORED, 2));
        apply(tx -> ZoneRules.createVm(tx, new VmSpec("web", 100, 512, 0, "", "kvm-1"), 3));
    }

    private Outcome apply(Function<ZoneTransaction, Outcome> rule) {
        return applied.apply(rule);
    }

    private String refusal(Function<ZoneTransaction, Outcome> rule) {
        return applied.refusal(rule);
    }

    private void fence(String host) {
        apply(tx -> HaRules.setHostState(tx, host, Set.of(HostState.MONITORED), HostState.ERROR, 4));
        apply(tx -> HaRules.setHostState(tx, host, Set.of(HostState.ERROR), HostState.FENCING, 5));
        applied.fencing(host, FencingStep.CONFIRMED_OFF);
    }

    @Test
    public void anOperatorDeclaresOffOnlyAHostThatStoppedAnswering() {
        assertEquals("host kvm-1 is MONITORED: only a host that stopped answering (ERROR, FENCING, FENCE_FAILED) can"
                + " be declared off", refusal(tx -> FencingRules.declareOff(tx, "kvm-1", "alice", 4)));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 4));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 5));
        applied.fencing("kvm-1", FencingStep.FAILED);
        Host off = apply(tx -> FencingRules.declareOff(tx, "kvm-1", "alice", 7)).item();
        assertEquals(HostState.FENCED, off.state());
        assertFalse(off.enabled());
        org.zonekeeper.api.Recovery recovery = db.recoveries().get(0);
        assertEquals(FencingRules.DECLARED_OFF, recovery.step());
        assertEquals("declared off by alice (its BMC could not confirm it)", recovery.declaration());
        assertTrue(db.events(0, 100).stream().anyMatch(e -> e.name().equals("API/DeclareHostOff")));
        Vm moved = apply(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.DEPLOYING), 8)).item();
        assertEquals("its VMs may move", db.hosts().get(1).id(), moved.hostId());
    }

    @Test
    public void aHostInMaintenanceIsNeitherFencedNorGivenAVm() {
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 4));
        apply(tx -> LogRules.record(tx, org.zonekeeper.model.RecordRecovery.step(db.hosts().get(0).id(), "WAITING",
                0, "host stopped answering"), 4));
        assertEquals(HostState.MAINTENANCE, apply(tx -> HaRules.setMaintenance(tx, "kvm-1", true, 5)).<Host>item()
                .state());
        assertTrue("its recovery ended", db.recoveries().isEmpty());
        assertEquals("host kvm-1 is MAINTENANCE, not [MONITORED]", refusal(tx -> HaRules.setHostState(tx, "kvm-1",
                Set.of(HostState.MONITORED), HostState.ERROR, 6)));
        assertTrue(refusal(tx -> ZoneRules.createVm(tx, new VmSpec("db", 1, 1, 0, "", "kvm-1"), 6))
                .contains("is in MAINTENANCE: it takes no new VM"));
        assertEquals(HostState.INIT, apply(tx -> HaRules.setMaintenance(tx, "kvm-1", false, 7)).<Host>item().state());
        fence("kvm-2");
        assertEquals("host kvm-2 is FENCED: it is off; host:enable brings it back",
                refusal(tx -> HaRules.setMaintenance(tx, "kvm-2", true, 8)));
    }

    @Test
    public void aStateChangeFromAnotherStateIsRefused() {
        String e = refusal(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 4));
        assertEquals("host kvm-1 is MONITORED, not [ERROR]", e);
    }

    @Test
    public void aVmLeavesItsHostOnlyOnceTheHostIsFenced() {
        String e = refusal(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.DEPLOYING), 4));
        assertTrue(e, e.contains("moves only once that host is FENCED"));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 4));
        apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 5));
        refusal(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.DEPLOYING), 6));
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        assertEquals("created on a host: its first placement", 1, db.vms().get(0).placement());
        Vm moved = apply(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.DEPLOYING), 7)).item();
        assertEquals(VmState.DEPLOYING, moved.state());
        assertEquals("each placement is counted: the agent holds it against earlier ones", 2, moved.placement());
        assertEquals(db.hosts().get(1).id(), moved.hostId());
    }

    @Test
    public void aFencedHostIsDisabledAndTakesNoVm() {
        fence("kvm-2");
        Host fenced = db.hosts().get(1);
        assertEquals(HostState.FENCED, fenced.state());
        assertFalse(fenced.enabled());
        apply(tx -> ZoneRules.createVm(tx, new VmSpec("db", 100, 512, 0, "", null), 7));
        String e = refusal(tx -> HaRules.placeVm(tx, "db", "kvm-2", Set.of(VmState.PENDING), 8));
        assertEquals("host kvm-2 is FENCED and disabled: no VM is placed there", e);
    }

    @Test
    public void enablingAFencedHostMonitorsItAgainFromScratch() {
        fence("kvm-2");
        Host enabled = apply(tx -> ZoneRules.setHostEnabled(tx, "kvm-2", true, 7)).item();
        assertEquals(HostState.INIT, enabled.state());
        assertTrue(enabled.enabled());
    }

    @Test
    public void aRepeatedDecisionChangesNothing() {
        fence("kvm-1");
        apply(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.DEPLOYING), 7));
        String e = refusal(tx -> HaRules.placeVm(tx, "web", "kvm-2", Set.of(VmState.RUNNING), 8));
        assertEquals("VM web is DEPLOYING, not [RUNNING]", e);
        Vm running = apply(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.DEPLOYING), VmState.RUNNING,
                db.hosts().get(1).id(), 9)).item();
        assertEquals(VmState.RUNNING, running.state());
        refusal(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.DEPLOYING),
                VmState.RUNNING, db.hosts().get(0).id(), 10));
    }

    @Test
    public void changesAreRecordedAsEventsInOrder() {
        fence("kvm-1");
        List<String> names = db.events(0, 100).stream().map(ZoneEvent::name).toList();
        assertEquals(List.of("API/CreateHost", "HOST/INIT", "API/CreateHost", "HOST/INIT", "HOST/MONITORED",
                "HOST/MONITORED", "API/CreateVm", "VM/DEPLOYING", "HOST/ERROR", "HOST/FENCING", "HOST/FENCED"), names);
        List<ZoneEvent> tail = db.events(db.events(0, 100).get(8).id(), 100);
        assertEquals("HOST/FENCING", tail.get(0).name());
        assertEquals("kvm-1", tail.get(0).objectName());
    }

    @Test
    public void monitoringTimesOnlyMoveForward() {
        long kvm1 = db.hosts().get(0).id();
        apply(tx -> HaRules.recordMonitoring(tx, Map.of(kvm1, 1000L, 999L, 5L)));
        assertEquals("an unknown host is ignored", 2, db.hosts().size());
        apply(tx -> HaRules.recordMonitoring(tx, Map.of(kvm1, 900L)));
        assertEquals(1000L, db.hosts().get(0).monitored());
        assertEquals(0L, db.hosts().get(1).monitored());
    }
}
