package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.store.ZoneTransaction;

/**
 * Entries are applied by the rules version of the last claim before them, so a server replaying an older build's
 * entries applies them as that build's servers did: no attempt ids and no placement counts under rules 1.
 */
public class RuleVersionsTest {

    @Rule
    public AppliedDatabase applied = AppliedDatabase.beforeAnyClaim();

    private Host fencing() {
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.MONITORED), HostState.ERROR, 3));
        return applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.ERROR), HostState.FENCING, 4))
                .item();
    }

    @Test
    public void theFirstRulesGiveNoAttemptIdsAndCountNoPlacementsUntilAClaimNamesRules2() {
        applied.apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"), 1));
        applied.apply(tx -> ZoneRules.createHost(tx, new HostSpec("kvm-2", "c", 800, 8192, "kvm", "kvm"), 1));
        for (String host : new String[] {"kvm-1", "kvm-2"}) {
            applied.apply(tx -> HaRules.setHostState(tx, host, Set.of(HostState.INIT), HostState.MONITORED, 2));
        }
        assertEquals(0, applied.apply(tx -> ZoneRules.createVm(tx, new VmSpec("old", 1, 1, 0, "", "kvm-1"), 2))
                .<Vm>item().placement());
        assertEquals("no attempt id under rules 1", 0, fencing().fencingAttempt());
        assertEquals("an older build's confirmation is applied as it was", HostState.FENCED,
                applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.FENCING), HostState.FENCED,
                        5)).<Host>item().state());
        assertEquals(0, applied.apply(tx -> HaRules.placeVm(tx, "old", "kvm-2", Set.of(VmState.DEPLOYING), 6))
                .<Vm>item().placement());

        applied.apply(tx -> LeaderRules.claim(tx, 1, "zk0", ZoneModel.RULES));
        assertEquals(2, (int) applied.read(ZoneTransaction::rules));
        applied.apply(tx -> ZoneRules.setHostEnabled(tx, "kvm-1", true, 7));
        applied.apply(tx -> HaRules.setHostState(tx, "kvm-1", Set.of(HostState.INIT), HostState.MONITORED, 8));
        assertTrue("an attempt id under rules 2", fencing().fencingAttempt() > 0);
        assertEquals(1, applied.apply(tx -> ZoneRules.createVm(tx, new VmSpec("new", 1, 1, 0, "", "kvm-2"), 9))
                .<Vm>item().placement());
        assertFalse(applied.apply(tx -> LeaderRules.claim(tx, 2, "zk1", 1)).isRefusal());
        assertEquals("a later claim naming older rules does not lower them", 2,
                (int) applied.read(ZoneTransaction::rules));
    }
}
