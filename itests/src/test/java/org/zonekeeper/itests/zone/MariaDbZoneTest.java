package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.LocalZone;
import org.zonekeeper.itests.support.LocalZone.ZoneLocalException;
import org.zonekeeper.itests.support.ZoneTable;
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
