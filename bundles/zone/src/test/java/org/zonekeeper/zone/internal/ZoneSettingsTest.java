package org.zonekeeper.zone.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.store.DatabaseType;

public class ZoneSettingsTest {

    private static final String THREE = "0=zk0@127.0.0.1:9700, 1=zk1@127.0.0.1:9710, 2=zk2@127.0.0.1:9720";

    private static ZoneSettings parse(String... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return ZoneSettings.parse(properties, Path.of("/var/zk"));
    }

    private static void assertRefused(String expected, String... keyValues) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(keyValues));
        assertEquals("org.zonekeeper.zone: " + expected, e.getMessage());
        assertFalse("one line", e.getMessage().contains("\n"));
    }

    @Test
    public void emptyConfigRunsSoloOnH2() {
        ZoneSettings s = parse();
        assertTrue(s.solo());
        assertEquals("127.0.0.1:9700", s.self().endpoint());
        assertEquals(DatabaseType.H2, s.database().type());
        assertEquals(Path.of("/var/zk/zonekeeper"), s.dataDir());
        assertEquals(500, s.electionTimeout().toMillis());
    }

    @Test
    public void threeServersWithHooks() {
        ZoneSettings s = parse("server.id", "1", "servers", THREE, "hook.leader.command", "/opt/vip.sh",
                "hook.leader.arguments", "leader eth0  10.0.0.5/24");
        assertFalse(s.solo());
        assertEquals("zk1", s.self().name());
        assertEquals(3, s.servers().size());
        assertEquals(List.of("/opt/vip.sh", "leader", "eth0", "10.0.0.5/24"), s.leaderHook());
        assertEquals(List.of(), s.followerHook());
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void mysqlNeedsUrlAndUserAndReadsThePasswordFromAFile() throws Exception {
        Path file = folder.newFile("db.password").toPath();
        Files.writeString(file, "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ZoneSettings s = parse("db.type", "mysql", "db.url", "jdbc:mysql://db:3306/zk0", "db.user", "zk",
                "db.password.file", file.toString());
        assertEquals(DatabaseType.MYSQL, s.database().type());
        assertEquals("secret", s.database().password());
        assertFalse("password stays out of descriptions", s.toString().contains("secret"));
        assertRefused("db.password: passwords are not accepted here (config:list shows them): put it in a file "
                + "readable by the server only and name it in db.password.file", "db.password", "secret");
        assertRefused("db.password.file: cannot read /nonexistent/pw (NoSuchFileException)", "db.type", "mysql",
                "db.url", "jdbc:mysql://db/zk", "db.user", "zk",
                "db.password.file", "/nonexistent/pw");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertRefused("db.password.file: " + file + " is open to others (mode rw-r-----): chmod 600 it",
                "db.type", "mysql", "db.url", "jdbc:mysql://db/zk", "db.user", "zk", "db.password.file",
                file.toString());
        assertRefused("db.url: 'jdbc:h2:x' is not a jdbc:mysql:// URL (required with db.type = mysql)",
                "db.type", "mysql", "db.url", "jdbc:h2:x", "db.user", "zk");
        assertRefused("db.user: is empty (required with db.type = mysql)", "db.type", "mysql", "db.url",
                "jdbc:mysql://db/zk");
    }

    @Test
    public void everyBadValueIsNamed() {
        assertRefused("server.id: 'one' is not a whole number", "server.id", "one");
        assertRefused("server.id: 7 is not one of the ids in servers", "server.id", "7", "servers", THREE);
        assertRefused("servers: is empty but server.id is 2; list the zone's servers or set server.id = -1 to run solo",
                "server.id", "2");
        assertRefused("servers: entry 'zk0@127.0.0.1:9700' is not ID=NAME@HOST:PORT", "server.id", "0", "servers",
                "zk0@127.0.0.1:9700");
        assertRefused("servers: endpoint '127.0.0.1:99999' is not HOST:PORT with PORT 1-65534", "server.id", "0",
                "servers", "0=zk0@127.0.0.1:99999");
        assertRefused("servers: entry '1=zk0@127.0.0.1:9710' repeats an id, name or endpoint", "server.id", "0",
                "servers", "0=zk0@127.0.0.1:9700,1=zk0@127.0.0.1:9710");
        assertRefused("solo.endpoint: endpoint 'localhost' is not HOST:PORT with PORT 1-65534", "solo.endpoint",
                "localhost");
        assertRefused("join: 'yes' is neither true nor false", "join", "yes");
        assertRefused("db.type: 'postgres' is neither h2 nor mysql", "db.type", "postgres");
        assertRefused("election.timeout.ms: 10 ms is out of range 50..3600000", "election.timeout.ms", "10");
        assertRefused("heartbeat.interval.ms: 600 must be below election.timeout.ms (500)", "heartbeat.interval.ms",
                "600");
        assertRefused("session.timeout.ms: 5 ms is out of range 1000..3600000", "session.timeout.ms", "5");
        assertRefused("request.timeout.ms: 'soon' is not a whole number", "request.timeout.ms", "soon");
        assertRefused("hook.timeout.ms: -1 ms is out of range 100..3600000", "hook.timeout.ms", "-1");
    }

    @Test
    public void everyBadKeyIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse("server.id", "7",
                "servers", THREE, "election.timeout.ms", "10", "join", "yes", "db.type", "mysql", "db.password",
                "secret"));
        assertEquals(List.of("election.timeout.ms", "join", "server.id", "db.password", "db.url", "db.user"),
                e.problems().stream().map(InvalidConfigException.Problem::key).toList());
        assertEquals("org.zonekeeper.zone: election.timeout.ms: 10 ms is out of range 50..3600000; "
                + "join: 'yes' is neither true nor false; server.id: 7 is not one of the ids in servers; "
                + "db.password: passwords are not accepted here (config:list shows them): put it in a file readable "
                + "by the server only and name it in db.password.file; "
                + "db.url: '' is not a jdbc:mysql:// URL (required with db.type = mysql); "
                + "db.user: is empty (required with db.type = mysql)", e.inOneLine());
    }

    @Test
    public void aRefusedKeyIsNotReportedAgainByTheRulesThatReadIt() {
        assertRefused("servers: entry 'zk0' is not ID=NAME@HOST:PORT", "server.id", "0", "servers", "zk0");
        assertRefused("election.timeout.ms: 'soon' is not a whole number", "election.timeout.ms", "soon",
                "heartbeat.interval.ms", "600");
    }
}
