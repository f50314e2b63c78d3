package org.zonekeeper.itests.hooks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * Three servers; the leader dies while a hook runs. The next leader records the interrupted execution RETRIED and
 * runs the hook again, once, as attempt 2. A follower refuses hook:retry, naming the leader as the place to run it.
 */
public class HookFailoverTest {
    private static final Duration LIVE = Duration.ofSeconds(90);

    @ClassRule
    public static TemporaryFolder work = new TemporaryFolder();

    private static LocalZone zone;
    private static Path runs;

    @BeforeClass
    public static void startZone() throws IOException {
        zone = LocalZone.create("hook-failover");
        zone.up(3);
        runs = work.getRoot().toPath().resolve("runs.txt");
        Path script = work.getRoot().toPath().resolve("slow.sh");
        Files.writeString(script, "#!/bin/sh\necho \"start $1 $$\" >> " + runs + "\nsleep 8\necho \"end $1 $$\" >> "
                + runs + "\n");
        script.toFile().setExecutable(true);
        for (int server = 0; server < 3; server++) {
            HostLab.config(zone.serverDir(server).resolve("etc/org.zonekeeper.hook-slow.cfg"), String.join("\n",
                    "events = API/CreateHost", "command = " + script, "arguments = $NAME", "timeout.ms = 30000", ""));
        }
        for (int server = 0; server < 3; server++) {
            int s = server;
            Await.until(LIVE, "hook slow on server " + s, () -> zone.exec(s, "hook:list"), t -> t.contains("slow"));
        }
    }

    @AfterClass
    public static void stopZone() {
        if (zone != null) {
            zone.close();
        }
    }

    @Test
    public void aHookInterruptedByALeaderFailoverIsRunAgainByTheNextLeaderAndMarkedRetried() throws Exception {
        int leader = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        zone.exec(leader, "host:create kvm-failover");
        String started = Await.until(LIVE, "the hook started", () -> read(runs), t -> t.contains("start kvm-failover"));
        long pid = Long.parseLong(started.strip().split(" ")[2]);
        zone.kill(leader);
        // the server's machine is gone: so is the hook it ran (setsid keeps it alive after a JVM-only kill)
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor();
        int survivor = (leader + 1) % 3;
        List<Map<String, String>> log = Await.until(LIVE, "the next leader ran the hook again",
                () -> ZoneTable.rows(zone.exec(survivor, "hook:log --hook slow"), "ID"),
                rows -> rows.size() == 2 && rows.get(0).get("STATE").equals("SUCCEEDED"));
        Map<String, String> again = log.get(0);
        Map<String, String> interrupted = log.get(1);
        assertEquals("2", again.get("ATTEMPT"));
        assertEquals("kvm-failover", again.get("OBJECT"));
        assertEquals("RETRIED", interrupted.get("STATE"));
        assertEquals("1", interrupted.get("ATTEMPT"));
        assertTrue(interrupted.get("REASON"), interrupted.get("REASON")
                .startsWith("interrupted by a leader change; run again by "));
        int next = LocalZone.leaderIn(zone.exec(survivor, "zone:show"));
        int follower = 3 - leader - next;
        LocalZone.ZoneLocalException refused = org.junit.Assert.assertThrows(LocalZone.ZoneLocalException.class,
                () -> zone.exec(follower, "hook:retry " + again.get("ID")));
        assertTrue(refused.output(), refused.output().contains("hooks run on the leader only and this server is not "
                + "leading"));
        String text = read(runs);
        assertEquals(text, 2, text.lines().filter(l -> l.startsWith("start kvm-failover")).count());
        assertEquals(text, 1, text.lines().filter(l -> l.startsWith("end kvm-failover")).count());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
