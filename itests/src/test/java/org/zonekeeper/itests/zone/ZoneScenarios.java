package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.ZoneTable;

/**
 * A zone of three real server processes: failover, rejoin, catch-up, loss of majority, isolation.
 * Subclasses choose the servers' database.
 */
public abstract class ZoneScenarios {

    private static final Duration WAIT = Duration.ofSeconds(60);

    protected LocalZone zone;

    /** A new zone whose servers 0..3 each have their own empty database. */
    protected abstract LocalZone newZone(String name) throws Exception;

    /** A secret the servers were configured with, which no output or log may show; null if none. */
    protected String secret() {
        return null;
    }

    @After
    public void down() {
        if (zone != null) {
            zone.close();
        }
    }

    private String show(int server) {
        return zone.exec(server, "zone:show");
    }

    private String digest(int server) {
        return ZoneTable.rows(zone.exec(server, "zone:digest"), "DIGEST").get(0).get("DIGEST");
    }

    private int awaitLeader(int askedServer, int notThisOne) {
        String show = Await.until(WAIT, "a leader other than " + notThisOne, () -> show(askedServer),
                s -> LocalZone.leaderIn(s) >= 0 && LocalZone.leaderIn(s) != notThisOne);
        return LocalZone.leaderIn(show);
    }

    protected void awaitSameDatabase(int server, int reference) {
        Await.until(WAIT, "server " + server + " to hold server " + reference + "'s database",
                () -> digest(server) + " vs " + digest(reference), s -> s.split(" vs ")[0].equals(s.split(" vs ")[1]));
    }

    private static long field(String show, int server, String column) {
        return Long.parseLong(ZoneTable.server(show, server).get(column));
    }

    @Test
    public void killedLeaderIsReplacedAndRejoinsAsFollowerWithTheLeadersState() throws Exception {
        zone = newZone("failover");
        String show = zone.up(3);
        List<Map<String, String>> rows = ZoneTable.rows(show, "STATE");
        assertEquals(3, rows.size());
        assertEquals("exactly one leader:\n" + show, 1, rows.stream().filter(r -> r.get("STATE").equals("leader"))
                .count());
        int leader = LocalZone.leaderIn(show);
        long term = field(show, leader, "TERM");
        for (int i = 0; i < 4; i++) {
            zone.exec(i % 3, "host:create --cpu 800 --memory 16384 before-" + i);
        }

        zone.kill(leader);
        int survivor = (leader + 1) % 3;
        int other = (leader + 2) % 3;
        int next = awaitLeader(survivor, leader);
        assertTrue("a new term after " + term, field(show(survivor), next, "TERM") >= term + 1);
        assertEquals("error", ZoneTable.server(show(survivor), leader).get("STATE"));
        zone.exec(survivor, "host:create after-on-" + survivor);
        zone.exec(other, "host:create after-on-" + other);

        zone.start(leader);
        Await.until(WAIT, "server " + leader + " back as follower with the leader's INDEX and COMMIT",
                () -> show(next), s -> ZoneTable.server(s, leader).get("STATE").equals("follower")
                        && field(s, leader, "INDEX") == field(s, next, "INDEX")
                        && field(s, leader, "COMMIT") == field(s, next, "COMMIT"));
        awaitSameDatabase(leader, next);
        String hosts = zone.exec(leader, "host:list");
        assertEquals(hosts, 6, ZoneTable.rows(hosts, "CLUSTER").size());
        assertTrue(hosts, hosts.contains("after-on-" + other));
        assertSecretNotShown();
    }

    private void assertSecretNotShown() throws IOException {
        if (secret() == null) {
            return;
        }
        String config = zone.exec(0, "config:list");
        assertTrue(config, config.contains("org.zonekeeper.zone"));
        assertTrue("config:list shows the database password", !config.contains(secret()));
        for (int server = 0; server < 3; server++) {
            Path log = zone.serverDir(server).resolve("data/log/karaf.log");
            assertTrue("server " + server + "'s log shows the database password",
                    !Files.readString(log).contains(secret()));
        }
    }

    /** Runs a shell command that must be refused; returns its one-line answer. */
    private String refused(int server, String command) {
        ZoneLocalException e = assertThrows(ZoneLocalException.class, () -> zone.exec(server, command));
        assertEquals(e.output(), 1, e.output().strip().lines().count());
        return e.output().strip();
    }

    @Test
    public void noInputStopsTheZone() throws Exception {
        zone = newZone("poison");
        zone.up(3);
        String a300 = "a".repeat(300);
        assertTrue(refused(0, "host:create --address " + a300 + " poison1")
                .contains("invalid host: address: is 300 characters long; at most 255"));
        assertTrue(refused(1, "host:create --vmm " + "v".repeat(65) + " poison2")
                .contains("invalid host: vmm: is 65 characters long; at most 64"));
        assertTrue(refused(2, "vm:create --template " + "t".repeat(4001) + " poison3")
                .contains("invalid VM: template: is 4001 characters long; at most 4000"));
        assertTrue(refused(0, "vm:create 1").contains("VM name: '1' is all digits"));
        zone.exec(0, "host:create --cpu 800 --memory 16384 kvm-1");
        // text outside latin1 and outside the BMP, on a MariaDB started with the server's default settings too
        String template = "\"ünïcødé 日本語 \uD83D\uDE80\"";
        zone.exec(1, "vm:create --template " + template + " web");
        assertTrue(refused(2, "vm:create WEB").contains("a VM named 'web' already exists"));
        zone.exec(0, "host:disable 1");
        assertEquals("an all-digit reference is an id", "no", ZoneTable.rows(zone.exec(0, "host:list --consistent"), "CLUSTER")
                .get(0).get("ENABLED"));
        String show = zone.exec(2, "zone:show");
        assertEquals(show, 1, ZoneTable.rows(show, "STATE").stream().filter(r -> r.get("STATE").equals("leader"))
                .count());
        assertEquals(show, 2, ZoneTable.rows(show, "STATE").stream().filter(r -> r.get("STATE").equals("follower"))
                .count());
        for (int server = 1; server < 3; server++) {
            awaitSameDatabase(server, 0);
        }
        String vm = zone.exec(2, "vm:show web");
        assertTrue(vm, vm.contains("ünïcødé 日本語 \uD83D\uDE80"));
        String hosts = zone.exec(1, "host:list");
        assertTrue(hosts, hosts.contains("kvm-1") && !hosts.contains("poison"));

        zone.down();
        show = zone.up(3);
        assertTrue("a leader after a restart:\n" + show, LocalZone.leaderIn(show) >= 0);
        zone.exec(LocalZone.leaderIn(show), "host:create after-restart");
        for (int server = 1; server < 3; server++) {
            awaitSameDatabase(server, 0);
        }
    }

    @Test
    public void withoutMajorityWritesFailClearlyAndNothingAcknowledgedIsLost() throws Exception {
        zone = newZone("majority");
        zone.up(3);
        zone.exec(0, "host:create kept");
        zone.kill(1);
        zone.kill(2);
        ZoneLocalException refused = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "host:create lost"));
        assertTrue(refused.output(), refused.output().contains("no leader elected"));
        assertEquals(refused.output(), 1, refused.output().strip().lines().count());

        zone.start(1);
        zone.start(2);
        int leader = awaitLeader(0, -1);
        String hosts = zone.exec(2, "host:list --consistent");
        assertTrue(hosts, hosts.contains("kept"));
        for (int server = 0; server < 3; server++) {
            awaitSameDatabase(server, leader);
        }
    }

    @Test
    public void emptyServerAddedToTheZoneCatchesUp() throws Exception {
        zone = newZone("grow");
        int leader = LocalZone.leaderIn(zone.up(3));
        for (int i = 0; i < 10; i++) {
            zone.exec(i % 3, "host:create h" + i);
        }
        zone.exec(1, "vm:create --host h3 vm0");
        String added = zone.add("zk3");
        assertTrue(added, added.contains("server 3"));
        awaitSameDatabase(3, leader);
        String show = show(3);
        assertEquals(show, 4, ZoneTable.rows(show, "ENDPOINT").size());
        Await.until(WAIT, "server 3 as follower", () -> show(leader),
                s -> ZoneTable.server(s, 3).get("STATE").equals("follower"));
        zone.exec(3, "host:create on-the-new-server");
        awaitSameDatabase(0, 3);
    }

    @Test
    public void isolatedLeaderStepsDownAndRunsItsFollowerHook() throws Exception {
        zone = roleHookZone("isolation");
        int leader = LocalZone.leaderIn(zone.up(3));
        Path roles = zone.serverDir(leader).resolve("roles.log");
        Await.until(WAIT, "the leader hook on server " + leader, () -> lastLine(roles), l -> l.startsWith("leader "));

        int a = (leader + 1) % 3;
        int b = (leader + 2) % 3;
        zone.pause(a);
        zone.pause(b);
        try {
            Await.until(Duration.ofSeconds(20), "the isolated leader's follower hook", () -> lastLine(roles),
                    l -> l.startsWith("follower "));
            assertTrue(show(leader), !ZoneTable.server(show(leader), leader).get("STATE").equals("leader"));
        } finally {
            zone.resume(a);
            zone.resume(b);
        }
        awaitLeader(a, -1);
    }

    @Test
    public void aStoppedLeaderRunsItsFollowerHookBeforeTheNextLeaderRunsItsLeaderHook() throws Exception {
        zone = roleHookZone("stop");
        int leader = LocalZone.leaderIn(zone.up(3));
        Path roles = zone.serverDir(leader).resolve("roles.log");
        Await.until(WAIT, "the leader hook on server " + leader, () -> lastLine(roles), l -> l.startsWith("leader "));
        zone.stop(leader);
        String released = lastLine(roles);
        assertTrue("a clean stop runs the follower hook: " + released, released.startsWith("follower "));
        int next = awaitLeader((leader + 1) % 3, leader);
        Path nextRoles = zone.serverDir(next).resolve("roles.log");
        String taken = Await.until(WAIT, "the leader hook on server " + next, () -> lastLine(nextRoles),
                l -> l.startsWith("leader "));
        long releasedAt = Long.parseLong(released.split(" ")[1]);
        long takenAt = Long.parseLong(taken.split(" ")[1]);
        System.out.println("role hooks: released by the stopped leader " + (takenAt - releasedAt) / 1_000_000
                + " ms before the next leader took over");
        assertTrue("released at " + releasedAt + ", before taken at " + takenAt, releasedAt < takenAt);
    }

    /** A zone whose servers append "ROLE NANOS" to roles.log in their directory at each role change. */
    private LocalZone roleHookZone(String name) throws Exception {
        Path hook = Files.createTempFile("role", ".sh");
        Files.writeString(hook, "#!/bin/sh\necho \"$1 $(date +%s%N)\" >> \"$PWD/roles.log\"\n");
        hook.toFile().setExecutable(true);
        return newZone(name).env("ZONE_LOCAL_CFG", "hook.leader.command = " + hook + "\nhook.leader.arguments = "
                + "leader\nhook.follower.command = " + hook + "\nhook.follower.arguments = follower");
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
