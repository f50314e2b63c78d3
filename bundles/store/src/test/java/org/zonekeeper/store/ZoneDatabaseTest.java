package org.zonekeeper.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;

public class ZoneDatabaseTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static Host host(long id, String name) {
        return new Host(id, name, HostState.INIT, "default", 800, 16384, "kvm", "kvm", true, 1000L + id, org.zonekeeper.api.fencing.FencingLevels.none(), 0, "10.0.0.1", 0);
    }

    private static void createHost(ZoneDatabase db, long index, String name) {
        db.apply(index, tx -> {
            tx.putHost(host(tx.nextId("host", 0), name));
            return null;
        });
    }

    @Test
    public void appliesEachIndexOnceAcrossRestart() {
        Path dir = folder.getRoot().toPath();
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            createHost(db, 1, "h0");
            createHost(db, 2, "h1");
            assertEquals(2, db.appliedIndex());
        }
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            assertEquals(2, db.appliedIndex());
            assertNull("an applied entry is skipped", db.apply(2, tx -> {
                tx.putHost(host(99, "replayed"));
                return "applied again";
            }));
            createHost(db, 3, "h2");
            assertEquals(3, db.hosts().size());
            assertEquals(2, db.hosts().get(2).id());
        }
    }

    @Test
    public void sameEntriesGiveSameDigestOnTwoDatabases() {
        try (ZoneDatabase a = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath().resolve("a")));
                ZoneDatabase b = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath().resolve("b")))) {
            for (ZoneDatabase db : new ZoneDatabase[] {a, b}) {
                createHost(db, 1, "h0");
                createHost(db, 2, "h1");
            }
            assertEquals(a.digest(), b.digest());
            createHost(b, 3, "h2");
            assertNotEquals(a.digest(), b.digest());
        }
    }

    @Test
    public void appliedEntriesAreReadBeforeTheirBatchCommitsAndACrashReplaysFromTheCommittedIndex() {
        Path dir = folder.getRoot().toPath();
        ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir), 1000, 600_000);
        for (int i = 1; i <= 3; i++) {
            createHost(db, i, "h" + i);
        }
        assertEquals("reads see every applied entry", 3, db.hosts().size());
        assertEquals(3, db.appliedIndex());
        db.crash();
        try (ZoneDatabase again = ZoneDatabase.open(DatabaseSettings.h2(dir), 1000, 600_000)) {
            assertEquals("nothing was committed: the log is replayed from the start", 0, again.appliedIndex());
            assertTrue(again.hosts().isEmpty());
            for (int i = 1; i <= 3; i++) {
                createHost(again, i, "h" + i);
            }
            assertEquals(List.of(0L, 1L, 2L), again.hosts().stream().map(Host::id).toList());
        }
    }

    @Test
    public void aBatchCommitsWhenFullOrWhenItsTimeIsUp() throws Exception {
        Path full = folder.getRoot().toPath().resolve("full");
        ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(full), 2, 600_000);
        createHost(db, 1, "h1");
        createHost(db, 2, "h2");
        createHost(db, 3, "h3");
        db.crash();
        try (ZoneDatabase again = ZoneDatabase.open(DatabaseSettings.h2(full))) {
            assertEquals("the full batch of two was committed, the third not", 2, again.appliedIndex());
        }
        Path timed = folder.getRoot().toPath().resolve("timed");
        db = ZoneDatabase.open(DatabaseSettings.h2(timed), 1000, 50);
        createHost(db, 1, "h1");
        Thread.sleep(500);
        db.crash();
        try (ZoneDatabase again = ZoneDatabase.open(DatabaseSettings.h2(timed))) {
            assertEquals("committed 50 ms after it was applied", 1, again.appliedIndex());
        }
    }

    @Test
    public void aRefusedEntryRecordsItsIndexAndChangesNothing() {
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()))) {
            createHost(db, 1, "h0");
            String before = db.digest();
            String outcome = db.apply(2, tx -> tx.attempt(t -> {
                t.putHost(host(5, "half-done"));
                return "refused: host name taken";
            }, result -> result.startsWith("refused")));
            assertEquals("refused: host name taken", outcome);
            assertEquals(2, db.appliedIndex());
            assertEquals(before, db.digest());
        }
    }

    @Test
    public void aFailingEntryCommitsNothingAndKeepsTheIndexBeforeIt() {
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()), 1000, 600_000)) {
            createHost(db, 1, "h0");
            db.flush();
            createHost(db, 2, "h1");
            String before = db.digest();
            StoreException failed = assertThrows(StoreException.class, () -> db.apply(3, tx -> {
                tx.putHost(host(5, "half-done"));
                throw new IllegalStateException("disk gone");
            }));
            assertTrue(failed.getMessage(), failed.getMessage().contains("applying entry 3 failed"));
            assertEquals("the entry and the uncommitted one before it are applied again, not skipped", 1,
                    db.appliedIndex());
            assertTrue("entry 2 was dropped with the batch", !before.equals(db.digest()));
            assertEquals(1, db.hosts().size());
            createHost(db, 2, "h1");
            assertEquals(before, db.digest());
        }
    }

    @Test
    public void namesAreFoundWhateverTheirCase() {
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()))) {
            createHost(db, 1, "Web-1");
            assertEquals("Web-1", db.apply(2, tx -> tx.hostByName("WEB-1").orElseThrow().name()));
            StoreException taken = assertThrows(StoreException.class, () -> createHost(db, 3, "web-1"));
            assertTrue(taken.getMessage(), taken.getMessage().contains("applying entry 3 failed")
                    || taken.getMessage().contains("database update failed"));
        }
    }

    @Test
    public void aDatabaseOfAnOlderVersionIsRefusedInOneLine() throws Exception {
        Path dir = folder.getRoot().toPath();
        try (Connection c = org.h2.Driver.load().connect("jdbc:h2:file:" + dir.resolve("zone").toAbsolutePath(),
                new java.util.Properties()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE zk_host (id BIGINT PRIMARY KEY, name VARCHAR(128))");
        }
        StoreException refused = assertThrows(StoreException.class, () -> ZoneDatabase.open(DatabaseSettings.h2(dir)));
        assertTrue(refused.getMessage(), refused.getMessage().contains("tables of version 1 and this server needs"
                + " version 4"));
    }

    @Test
    public void aDatabaseOfVersion2IsBroughtTo4KeepingItsContent() throws Exception {
        Path dir = folder.getRoot().toPath();
        olderDatabase(dir, "DROP TABLE zk_leader", "ALTER TABLE zk_host DROP COLUMN fencing_attempt",
                "ALTER TABLE zk_vm DROP COLUMN placement", "ALTER TABLE zk_vm DROP COLUMN ha",
                "ALTER TABLE zk_vm DROP COLUMN priority", "UPDATE zk_schema SET version = 2 WHERE id = 1");
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            assertEquals("h0", db.hosts().get(0).name());
            assertEquals(0L, (long) db.apply(2, ZoneTransaction::leaderTerm));
            db.apply(3, tx -> {
                tx.putLeaderTerm(4, "zk1", 2);
                return null;
            });
            assertEquals(4L, (long) db.apply(4, ZoneTransaction::leaderTerm));
        }
    }

    @Test
    public void aDatabaseOfVersion3GainsTheFencingAttemptAndPlacementColumns() throws Exception {
        Path dir = folder.getRoot().toPath();
        olderDatabase(dir, "ALTER TABLE zk_host DROP COLUMN fencing_attempt", "ALTER TABLE zk_vm DROP COLUMN placement",
                "ALTER TABLE zk_vm DROP COLUMN ha", "ALTER TABLE zk_vm DROP COLUMN priority",
                "ALTER TABLE zk_leader DROP COLUMN rules", "UPDATE zk_schema SET version = 3 WHERE id = 1");
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            assertEquals("an old row reads attempt 0", 0L, db.hosts().get(0).fencingAttempt());
            long id = db.hosts().get(0).id();
            db.apply(2, tx -> {
                tx.putHost(tx.host(id).orElseThrow().fencing(9, 5));
                return null;
            });
            assertEquals(9L, db.hosts().get(0).fencingAttempt());
            assertEquals("entries of version 3 were written under the first rules", 1,
                    (int) db.apply(3, ZoneTransaction::rules));
            byte[] snapshot = snapshot(db);
            try (ZoneDatabase fresh = ZoneDatabase.open(DatabaseSettings.h2(dir.resolve("fresh")))) {
                assertTrue(fresh.install(new ByteArrayInputStream(snapshot)));
                assertEquals("an upgraded and a fresh database dump alike", db.digest(), fresh.digest());
            }
        }
    }

    /** A database with host h0, then changed by {@code sql} to look like one an older version wrote. */
    private static void olderDatabase(Path dir, String... sql) throws Exception {
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            createHost(db, 1, "h0");
        }
        try (Connection c = org.h2.Driver.load().connect("jdbc:h2:file:" + dir.resolve("zone").toAbsolutePath(),
                new java.util.Properties()); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @Test
    public void probeNamesAMissingTableWithoutCreatingIt() {
        Path dir = folder.getRoot().toPath();
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(dir))) {
            createHost(db, 1, "h0");
        }
        assertEquals(1, ZoneDatabase.probe(DatabaseSettings.h2(dir)));
        StoreException missing = assertThrows(StoreException.class,
                () -> ZoneDatabase.probe(DatabaseSettings.h2(folder.getRoot().toPath().resolve("empty"))));
        assertTrue(missing.getMessage(), missing.getMessage().contains("ZK_APPLIED")
                || missing.getMessage().contains("zk_applied"));
    }

    /** The snapshot as Copycat would store it. */
    static byte[] snapshot(ZoneDatabase db) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        db.snapshot(bytes);
        return bytes.toByteArray();
    }

    @Test
    public void snapshotInstallsIntoAnEmptyDatabase() {
        byte[] snapshot;
        String digest;
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath().resolve("a")))) {
            createHost(db, 1, "h0");
            createHost(db, 7, "h1");
            snapshot = snapshot(db);
            digest = db.digest();
        }
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath().resolve("b")))) {
            createHost(db, 1, "stale");
            assertTrue(db.install(new ByteArrayInputStream(snapshot)));
            assertEquals(7, db.appliedIndex());
            assertFalse("a snapshot the database is already past is left unread",
                    db.install(new ByteArrayInputStream(snapshot)));
            assertEquals(digest, db.digest());
            createHost(db, 8, "h2");
            assertEquals("sequences travel with the snapshot", 2, db.hosts().get(2).id());
        }
    }

    @Test
    public void garbageSnapshotIsRefusedAndKeepsContent() {
        try (ZoneDatabase db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()))) {
            createHost(db, 1, "h0");
            StoreException e = assertThrows(StoreException.class, () -> db.install(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})));
            assertTrue(e.getMessage(), e.getMessage().contains("not a zonekeeper snapshot"));
            assertEquals(1, db.hosts().size());
        }
    }
}
