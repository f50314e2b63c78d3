package org.zonekeeper.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;

/** Entries applied as a server applies them, on a real (H2) database. */
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
}
