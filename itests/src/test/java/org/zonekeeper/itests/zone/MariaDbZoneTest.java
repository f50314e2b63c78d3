package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.ZoneTable;
import org.zonekeeper.testkit.MariaDbServer;

/** The zone scenarios with each server on its own database of a real MariaDB server. */
public class MariaDbZoneTest extends ZoneScenarios {

    private static MariaDbServer mariadb;
    private static int zones;
    /** JDBC URL of the newest zone's databases, without the server id suffix. */
    private String url;

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

    @Test
    public void serverWhoseDatabaseFailsStopsLeadingAndTheOthersGoOn() throws Exception {
        zone = newZone("dbfailure");
        int leader = LocalZone.leaderIn(zone.up(3));
        zone.exec(leader, "host:create before");
        try (Connection db = mariadb.connect(url + "_" + leader); Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE zk_host");
        }
        int other = (leader + 1) % 3;
        try {
            zone.exec(other, "host:create after");
        } catch (ZoneLocalException e) {
            // the leader failed while applying it; the entry is committed and the next leader applies it
        }
        String show = Await.until(Duration.ofSeconds(60), "a new leader and server " + leader + " out",
                () -> zone.exec(other, "zone:show"), s -> LocalZone.leaderIn(s) >= 0 && LocalZone.leaderIn(s) != leader
                        && ZoneTable.server(s, leader).get("STATE").equals("error"));
        String own = zone.exec(leader, "zone:show");
        assertEquals(own, "failed", ZoneTable.server(own, leader).get("STATE"));
        String log = Files.readString(zone.serverDir(leader).resolve("data/log/karaf.log"));
        assertTrue(log.contains("stops leading and voting: database failed"));
        zone.exec(other, "host:create on-the-survivors");
        String hosts = zone.exec(LocalZone.leaderIn(show), "host:list --consistent");
        assertTrue(hosts, hosts.contains("after") && hosts.contains("on-the-survivors"));
    }

    @Test
    public void aZoneOfOneH2AndTwoMariaDbServersHoldsTheSameDatabase() throws Exception {
        zone = newZone("mixed").env("ZONE_LOCAL_DB", "h2,mysql,mysql");
        zone.up(3);
        String hostName = "h".repeat(128);
        zone.exec(0, "host:create --cpu 800 --memory 16384 --address " + "a".repeat(255) + " " + hostName);
        String template = ("日本語 ünïcødé \uD83D\uDE80 ").repeat(300).substring(0, 3998) + "\uD83D\uDE80";
        zone.exec(1, "vm:create --template \"" + template + "\" --host " + hostName.toUpperCase() + " web");
        ZoneLocalException taken = assertThrows(ZoneLocalException.class, () -> zone.exec(2, "vm:create WEB"));
        assertTrue(taken.output(), taken.output().contains("a VM named 'web' already exists"));
        zone.exec(2, "vm:create db");
        zone.exec(0, "vm:delete DB");
        for (int server = 1; server < 3; server++) {
            awaitSameDatabase(server, 0);
        }
        String vms = zone.exec(2, "vm:list --consistent");
        assertEquals(vms, 1, ZoneTable.rows(vms, "STATE").size());
        assertTrue(zone.exec(0, "vm:show web").contains("\uD83D\uDE80 日本語"));
    }

    @Test
    public void serverWhoseDatabaseFailsMidStreamStopsThereAndResumesWithoutSkipping() throws Exception {
        zone = newZone("dbresume");
        int leader = LocalZone.leaderIn(zone.up(3));
        int victim = (leader + 1) % 3;
        zone.exec(leader, "host:create before");
        awaitSameDatabase(victim, leader);
        try (Connection db = mariadb.connect(url + "_" + victim); Statement statement = db.createStatement()) {
            statement.execute("RENAME TABLE zk_host TO zk_host_away");
        }
        for (int i = 0; i < 5; i++) {
            zone.exec(leader, "host:create during-" + i);
        }
        Await.until(Duration.ofSeconds(60), "server " + victim + " out of service",
                () -> zone.exec(victim, "zone:show"), s -> ZoneTable.server(s, victim).get("STATE").equals("failed"));
        String log = Files.readString(zone.serverDir(victim).resolve("data/log/karaf.log"));
        assertTrue(log, log.contains("stopped applying the log after entry"));
        try (Connection db = mariadb.connect(url + "_" + victim); Statement statement = db.createStatement()) {
            statement.execute("RENAME TABLE zk_host_away TO zk_host");
        }
        Await.until(Duration.ofSeconds(90), "server " + victim + " back as a follower",
                () -> zone.exec(leader, "zone:show"), s -> ZoneTable.server(s, victim).get("STATE").equals("follower"));
        awaitSameDatabase(victim, leader);
        String hosts = zone.exec(victim, "host:list");
        assertEquals(hosts, 6, ZoneTable.rows(hosts, "CLUSTER").size());
        log = Files.readString(zone.serverDir(victim).resolve("data/log/karaf.log"));
        assertTrue(log, log.contains("the database answers again"));
    }

    @Override
    protected String secret() {
        return mariadb.password();
    }

    @Override
    protected LocalZone newZone(String name) throws Exception {
        String prefix = "z" + zones++;
        for (int server = 0; server < 4; server++) {
            url = mariadb.createDatabase(prefix + "_" + server).replaceAll("_\\d+$", "");
        }
        return LocalZone.create(name).env("ZONE_LOCAL_DB", "mysql")
                .env("ZONE_LOCAL_DB_URL_PATTERN", url + "_%d")
                .env("ZONE_LOCAL_DB_USER", mariadb.user()).env("ZONE_LOCAL_DB_PASSWORD", mariadb.password());
    }
}
