package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;

/** The operator's VM life cycle on a real (H2) database: nothing that may run is marked stopped on a word. */
public class VmRulesTest {

    @Rule
    public AppliedDatabase applied = new AppliedDatabase();

    @Before
    public void twoHostsAndAVm() {
        for (String host : new String[] {"kvm-1", "kvm-2"}) {
            applied.apply(tx -> ZoneRules.createHost(tx, new HostSpec(host, "c", 800, 8192, "kvm", "kvm"), 1));
            applied.apply(tx -> HaRules.setHostState(tx, host, Set.of(HostState.INIT), HostState.MONITORED, 2));
        }
        applied.apply(tx -> ZoneRules.createVm(tx, new VmSpec("web", 100, 512, 0, "", "kvm-1"), 3));
        applied.apply(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.DEPLOYING), VmState.RUNNING, 0, 4));
    }

    private Vm web() {
        return applied.db().vms().get(0);
    }

    private VmState stop() {
        return applied.apply(tx -> VmRules.stop(tx, "web", 5)).<Vm>item().state();
    }

    @Test
    public void aVmThatMayRunIsStoppingUntilTheLeaderHasTheStopConfirmed() {
        assertEquals(VmState.STOPPING, stop());
        assertEquals("asked again: the same", VmState.STOPPING, stop());
        assertEquals("VM web is STOPPING: only a STOPPED VM is started",
                applied.refusal(tx -> VmRules.start(tx, "web", "", 6)));
        applied.apply(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.STOPPING), VmState.STOPPED, 1, 7));
        Vm started = applied.apply(tx -> VmRules.start(tx, "web", "kvm-2", 8)).item();
        assertEquals(VmState.DEPLOYING, started.state());
        assertEquals("a stopped VM may start on another host", applied.db().hosts().get(1).id(), started.hostId());
        assertEquals(2, started.placement());
    }

    @Test
    public void aVmOfAFencedHostOrNeverPlacedIsStoppedAtOnce() {
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 5));
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 5));
        applied.fencing("kvm-1", FencingStep.CONFIRMED_OFF);
        assertEquals(VmState.STOPPED, stop());
        assertEquals(VmState.PENDING, applied.apply(tx -> VmRules.start(tx, "web", "", 6)).<Vm>item().state());
        assertEquals("a PENDING VM was never started", VmState.STOPPED, stop());
        assertEquals("a STOPPED VM is removed at once", VmState.STOPPED,
                applied.apply(tx -> ZoneRules.deleteVm(tx, "web", 7)).<Vm>item().state());
        assertTrue(applied.db().vms().isEmpty());
    }

    @Test
    public void onlyAFailedVmOnAMonitoredHostIsRecoveredThere() {
        assertEquals("VM web is RUNNING on host kvm-1 (MONITORED): only a FAILED VM on a MONITORED host is recovered"
                + " there (the VMs of a failed host move once it is FENCED)",
                applied.refusal(tx -> VmRules.recover(tx, "web", 5)));
        applied.apply(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.RUNNING), VmState.FAILED, 0, 5));
        Vm again = applied.apply(tx -> VmRules.recover(tx, "web", 6)).item();
        assertEquals(VmState.DEPLOYING, again.state());
        assertEquals(applied.db().hosts().get(0).id(), again.hostId());
        assertEquals("a new placement: the agent refuses it while an old copy runs", 2, again.placement());
        applied.apply(tx -> HaRules.setVmState(tx, "web", Set.of(VmState.DEPLOYING), VmState.FAILED, 0, 7));
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 8));
        assertTrue(applied.refusal(tx -> VmRules.recover(tx, "web", 9)).contains("host kvm-1 (ERROR)"));
    }

    @Test
    public void aDeletingVmIsNotStopped() {
        applied.apply(tx -> ZoneRules.deleteVm(tx, "web", 5));
        assertEquals("VM web is DELETING", applied.refusal(tx -> VmRules.stop(tx, "web", 6)));
    }

    @Test
    public void haAndPriorityAreSetPerVm() {
        Vm web = applied.apply(tx -> VmRules.setHa(tx, "web", false, 7, 5)).item();
        assertEquals(false, web.ha());
        assertEquals(7, web.priority());
        assertEquals(web, web());
        assertTrue(new org.zonekeeper.model.SetVmHa("web", true, 1001).validation().refusal().orElseThrow()
                .contains("priority: 1001 is not between -1000 and 1000"));
    }
}
