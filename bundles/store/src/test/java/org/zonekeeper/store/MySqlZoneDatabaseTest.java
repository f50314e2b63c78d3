package org.zonekeeper.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import java.nio.charset.StandardCharsets;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.HostState;
import org.zonekeeper.testkit.MariaDbServer;

/** The same store on a real MariaDB server, and its content moving between H2 and MariaDB. */
public class MySqlZoneDatabaseTest {

    private static MariaDbServer mariadb;
    private static int databases;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @BeforeClass
    public static void startMariaDb() throws Exception {
        mariadb = MariaDbServer.start();
    }

    @AfterClass
    public static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    private static DatabaseSettings newDatabase() throws Exception {
        return DatabaseSettings.mysql(mariadb.createDatabase("zk" + databases++), mariadb.user(), mariadb.password());
    }

    private static void createHosts(ZoneDatabase db, long firstIndex, int count) {
        for (int i = 0; i < count; i++) {
            db.apply(firstIndex + i, tx -> {
                long id = tx.nextId("host", 0);
                tx.putHost(new Host(id, "h" + id, HostState.MONITORED, "c", 400, 8192, "kvm", "kvm", id % 2 == 0, 7, org.zonekeeper.api.fencing.FencingLevels.none(), 0, "10.0.0.1", 0));
                return null;
            });
        }
    }

    @Test
    public void appliesEachIndexOnceAcrossReopen() throws Exception {
        DatabaseSettings settings = newDatabase();
        try (ZoneDatabase db = ZoneDatabase.open(settings)) {
            createHosts(db, 1, 3);
        }
        try (ZoneDatabase db = ZoneDatabase.open(settings)) {
            assertEquals(3, db.appliedIndex());
            assertNull(db.apply(3, tx -> "again"));
            assertEquals(3, db.hosts().size());
        }
    }

    @Test
    public void sameEntriesGiveTheSameDigestOnH2AndMariaDb() throws Exception {
        try (ZoneDatabase h2 = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
                ZoneDatabase mysql = ZoneDatabase.open(newDatabase())) {
            createHosts(h2, 1, 4);
            createHosts(mysql, 1, 4);
            assertEquals(h2.digest(), mysql.digest());
        }
    }

    @Test
    public void snapshotMovesBetweenH2AndMariaDb() throws Exception {
        try (ZoneDatabase h2 = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
                ZoneDatabase mysql = ZoneDatabase.open(newDatabase())) {
            createHosts(h2, 1, 5);
            mysql.install(new java.io.ByteArrayInputStream(ZoneDatabaseTest.snapshot(h2)));
            assertEquals(5, mysql.appliedIndex());
            assertEquals(h2.digest(), mysql.digest());
            assertTrue(mysql.hosts().get(0).enabled());
        }
    }

    /** Values at their fields' limits, in several scripts and outside the BMP, with a stored request outcome. */
    private static void writeEdgeValues(ZoneDatabase db) {
        String emoji = "\uD83D\uDE80"; // one code point, two UTF-16 characters
        String template = ("日本語 ünïcødé " + emoji).repeat(4000).substring(0, Field.TEMPLATE.max() - 2) + emoji;
        db.apply(1, tx -> {
            tx.putHost(new Host(1, "h".repeat(Field.HOST_NAME.max()), HostState.MONITORED, "c".repeat(128), 400, 8192,
                    "v".repeat(Field.VMM.max()), "i".repeat(Field.IM.max()), true, 7,
                    org.zonekeeper.api.fencing.FencingLevels.parse("d".repeat(Field.FENCING_LEVELS.max())), 0,
                    "a".repeat(Field.ADDRESS.max()), 3));
            tx.putVm(new Vm(0, "Web", VmState.PENDING, 0, 100, 512, 0, template, 8, 2, false, -3));
            tx.putRequest("0f6e5b9e-0000-4000-8000-000000000001", 1, template.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Test
    public void edgeValuesAreStoredAndComparedAlikeOnH2AndMariaDb() throws Exception {
        try (ZoneDatabase h2 = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
                ZoneDatabase mysql = ZoneDatabase.open(newDatabase())) {
            writeEdgeValues(h2);
            writeEdgeValues(mysql);
            assertEquals(h2.vms().get(0).template(), mysql.vms().get(0).template());
            assertEquals(h2.hosts(), mysql.hosts());
            assertEquals(h2.digest(), mysql.digest());
            for (ZoneDatabase db : new ZoneDatabase[] {h2, mysql}) {
                assertEquals("Web", db.apply(2, tx -> tx.vmByName("wEB").orElseThrow().name()));
                assertEquals(Field.TEMPLATE.max(), db.apply(3, tx -> new String(
                        tx.requestOutcome("0f6e5b9e-0000-4000-8000-000000000001").orElseThrow(),
                        StandardCharsets.UTF_8).length()).intValue());
            }
            ZoneDatabase copy = ZoneDatabase.open(newDatabase());
            copy.install(new java.io.ByteArrayInputStream(ZoneDatabaseTest.snapshot(h2)));
            assertEquals("a snapshot with text and bytes moves from H2 to MariaDB", h2.digest(), copy.digest());
            copy.close();
        }
    }

    @Test
    public void aReadHoldsNoLockThatWouldBlockTheOperatorsDdl() throws Exception {
        DatabaseSettings settings = newDatabase();
        try (ZoneDatabase db = ZoneDatabase.open(settings)) {
            createHosts(db, 1, 2);
            db.flush();
            assertEquals(2, db.hosts().size());
            try (java.sql.Connection other = mariadb.connect(settings.url());
                    java.sql.Statement statement = other.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = 5");
                statement.execute("RENAME TABLE zk_host TO zk_host_away");
                statement.execute("RENAME TABLE zk_host_away TO zk_host");
            }
            assertEquals(2, db.hosts().size());
        }
    }

    @Test
    public void wrongPasswordIsAClearError() {
        StoreException e = assertThrows(StoreException.class, () -> ZoneDatabase.open(
                DatabaseSettings.mysql("jdbc:mysql://127.0.0.1:" + mariadb.port() + "/zk", mariadb.user(), "wrong")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot open database mysql jdbc:mysql://127.0.0.1:"));
        assertTrue(e.getMessage(), e.getMessage().contains("Access denied"));
        assertTrue("no password in the message", !e.getMessage().contains("wrong"));
    }
}
