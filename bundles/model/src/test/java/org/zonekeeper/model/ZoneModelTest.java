package org.zonekeeper.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;

/**
 * Entries applied as a server applies them, on a real (H2) database: refusals, term-fenced leader decisions, the VM
 * deletion life cycle.
 */
public class ZoneModelTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ZoneDatabase db;
    private long index;

    @Before
    public void open() {
        db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
    }

    @After
    public void close() {
        db.close();
    }

    private Outcome apply(byte[] entry) {
        long at = ++index;
        return db.apply(at, tx -> ZoneModel.apply(tx, at, 1000 + at, entry));
    }

    private Outcome apply(ZoneCommand command) {
        return apply(Codec.encode(command));
    }

    @Test
    public void aBadEntryIsRefusedAtItsIndexAndChangesNothing() {
        apply(new CreateHost(new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm")));
        java.util.List<Host> hosts = db.hosts();
        java.util.List<org.zonekeeper.api.ZoneEvent> events = db.events(0, 100);
        Outcome tooLong = apply(new CreateHost(new HostSpec("poison", "c", 800, 8192, "kvm", "kvm", "a".repeat(300))));
        assertEquals("invalid host: address: is 300 characters long; at most 255", tooLong.reason());
        Outcome garbage = apply(new byte[] {1, 0, 0, 0});
        assertTrue(garbage.reason(), garbage.reason().startsWith("malformed entry: "));
        assertEquals(3, db.appliedIndex());
        assertEquals(hosts, db.hosts());
        assertEquals("no event for a refusal", events, db.events(0, 100));
    }

    @Test
    public void aRequestAppliedAgainGivesItsFirstOutcome() {
        CreateHost create = new CreateHost(new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"));
        Host first = apply(create).item();
        Host again = apply(create).item();
        assertEquals(first, again);
        assertEquals(1, db.hosts().size());
        assertEquals("a host named 'kvm-1' already exists",
                apply(new CreateHost(new HostSpec("KVM-1", "c", 800, 8192, "kvm", "kvm"))).reason());
    }

    @Test
    public void aRequestIsForgottenAfterTheWindow() {
        CreateHost create = new CreateHost(new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm"));
        apply(create);
        index += ZoneModel.REQUESTS_KEPT;
        apply(new DeleteHost("kvm-1"));
        for (int i = 0; i < 20 * ZoneModel.PRUNE_EVERY; i++) { // some of them prune
            apply(new AdvanceCursor("c", i));
        }
        assertEquals("past the window the same request applies again", "kvm-1", apply(create).<Host>item().name());
    }

    @Test
    public void aFailingDatabaseIsNotARefusal() {
        db.close();
        assertThrows(StoreException.class, () -> apply(new DeleteHost("kvm-1")));
        db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
        assertEquals("the entry was not recorded", 0, db.appliedIndex());
    }

    private Outcome asLeader(long term, ZoneCommand decision) {
        return apply(new AsLeader(term, decision));
    }

    /** ERROR → FENCING → FENCED (the power-off confirmed under the host's attempt), as leader of {@code term}. */
    private void fence(long term, String host) {
        Host fencing = asLeader(term, state(host, HostState.ERROR, HostState.FENCING)).item();
        assertEquals(HostState.FENCED, asLeader(term, new RecordFencing(fencing.id(), fencing.fencingAttempt(),
                FencingStep.CONFIRMED_OFF, 1, "off")).<Host>item().state());
    }

    private static SetHostState state(String host, HostState from, HostState to) {
        return new SetHostState(host, Set.of(from), to);
    }

    private void twoHosts() {
        apply(new CreateHost(new HostSpec("kvm-1", "c", 800, 8192, "kvm", "kvm")));
        apply(new CreateHost(new HostSpec("kvm-2", "c", 800, 8192, "kvm", "kvm")));
    }

    @Test
    public void onlyTheLastClaimedTermDecides() {
        twoHosts();
        assertFalse("decisions of a build that sent no term, before any claim",
                apply(state("kvm-1", HostState.INIT, HostState.MONITORED)).isRefusal());
        assertFalse(apply(new LeadTerm(3, "zk0")).isRefusal());
        assertEquals("a leader decision must name the leader's term",
                apply(state("kvm-2", HostState.INIT, HostState.MONITORED)).reason());
        assertFalse(asLeader(3, state("kvm-2", HostState.INIT, HostState.MONITORED)).isRefusal());
        assertEquals("decision of the leader of term 4 refused: that term was never claimed",
                asLeader(4, state("kvm-2", HostState.MONITORED, HostState.ERROR)).reason());
        assertFalse(apply(new LeadTerm(5, "zk1")).isRefusal());
        assertEquals("decision of the leader of term 3 refused: term 5 has been claimed since (that server no longer"
                + " leads)", asLeader(3, state("kvm-2", HostState.MONITORED, HostState.ERROR)).reason());
        assertEquals("server zk0 claims term 3, but term 5 was claimed since", apply(new LeadTerm(3, "zk0")).reason());
        assertFalse("the same claim again changes nothing", apply(new LeadTerm(5, "zk1")).isRefusal());
        assertEquals(HostState.MONITORED, db.hosts().get(1).state());
        assertTrue(asLeader(5, new CreateVm(new VmSpec("web", 1, 1, 0, "", ""))).reason()
                .contains("decision: is not a leader decision"));
    }

    @Test
    public void aVmThatMayRunIsStoppedBeforeItIsRemoved() {
        twoHosts();
        apply(new LeadTerm(1, "zk0"));
        asLeader(1, state("kvm-1", HostState.INIT, HostState.MONITORED));
        Vm pending = apply(new CreateVm(new VmSpec("queued", 1, 1, 0, "", ""))).item();
        assertEquals("never placed: removed at once", VmState.PENDING, apply(new DeleteVm("queued")).<Vm>item().state());
        Vm web = apply(new CreateVm(new VmSpec("web", 1, 1, 0, "", "kvm-1"))).item();
        Vm deleting = apply(new DeleteVm("web")).item();
        assertEquals(VmState.DELETING, deleting.state());
        assertEquals(VmState.DELETING, apply(new DeleteVm("web")).<Vm>item().state());
        assertEquals("not placed while DELETING", "VM web is DELETING, not [FAILED, RUNNING]",
                asLeader(1, new PlaceVm("web", "kvm-1", Set.of(VmState.RUNNING, VmState.FAILED))).reason());
        assertEquals("VM web is DELETING on host 1, not DELETING on host 2",
                asLeader(1, new RemoveVm("web", 2)).reason());
        assertTrue("a new VM of the same name is another VM", apply(new CreateVm(new VmSpec("web", 1, 1, 0, "",
                "kvm-1"))).reason().contains("already exists"));
        assertFalse(asLeader(1, new RemoveVm("web", 1)).isRefusal());
        Vm again = apply(new CreateVm(new VmSpec("web", 1, 1, 0, "", "kvm-1"))).item();
        assertTrue("ids are never reused", again.id() > web.id() && web.id() > pending.id());
        assertTrue(!again.deployId().equals(web.deployId()));
        assertTrue(db.events(0, 100).stream().anyMatch(e -> e.name().equals("VM/DELETED") && e.objectId() == web.id()));
    }

    @Test
    public void aVmOfAFencedHostIsRemovedAtOnce() {
        twoHosts();
        apply(new LeadTerm(1, "zk0"));
        asLeader(1, state("kvm-1", HostState.INIT, HostState.MONITORED));
        apply(new CreateVm(new VmSpec("web", 1, 1, 0, "", "kvm-1")));
        asLeader(1, state("kvm-1", HostState.MONITORED, HostState.ERROR));
        assertEquals("a host in ERROR may still run it", VmState.DELETING,
                apply(new DeleteVm("web")).<Vm>item().state());
        fence(1, "kvm-1");
        apply(new CreateVm(new VmSpec("db", 1, 1, 0, "", "kvm-2")));
        asLeader(1, state("kvm-2", HostState.INIT, HostState.MONITORED));
        asLeader(1, state("kvm-2", HostState.MONITORED, HostState.ERROR));
        fence(1, "kvm-2");
        assertEquals(VmState.DEPLOYING, apply(new DeleteVm("db")).<Vm>item().state());
        assertEquals(java.util.List.of("web"), db.vms().stream().map(Vm::name).toList());
    }
}
