package org.zonekeeper.itests.zone;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.zonekeeper.itests.support.LocalZone;
import org.zonekeeper.testkit.MariaDbServer;

/** The zone scenarios with each server on its own database of a real MariaDB server. */
public class MariaDbZoneTest extends ZoneScenarios {

    private static MariaDbServer mariadb;
    private static int zones;

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

    @Override
    protected String secret() {
        return mariadb.password();
    }

    @Override
    protected LocalZone newZone(String name) throws Exception {
        String prefix = "z" + zones++ + "_";
        for (int server = 0; server < 4; server++) {
            mariadb.createDatabase(prefix + server);
        }
        return LocalZone.create(name).env("ZONE_LOCAL_DB", "mysql")
                .env("ZONE_LOCAL_DB_URL_PATTERN", "jdbc:mysql://127.0.0.1:" + mariadb.port() + "/" + prefix + "%d")
                .env("ZONE_LOCAL_DB_USER", mariadb.user()).env("ZONE_LOCAL_DB_PASSWORD", mariadb.password());
    }
}
