package org.zonekeeper.zone.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RoleHooksTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path script(String name, String body) throws Exception {
        Path script = folder.getRoot().toPath().resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        script.toFile().setExecutable(true);
        return script;
    }

    private static List<String> awaitLines(Path file, int count) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= count) {
                return Files.readAllLines(file);
            }
            Thread.sleep(50);
        }
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    public void eachRoleChangeRunsItsHookOnceInOrder() throws Exception {
        Path log = folder.getRoot().toPath().resolve("roles.log");
        script("role.sh", "echo \"$@\" >> " + log);
        try (RoleHooks hooks = new RoleHooks(List.of("./role.sh", "leader", "eth0"),
                List.of("./role.sh", "follower", "eth0"), Duration.ofSeconds(5), folder.getRoot().toPath())) {
            hooks.announce(RoleHooks.Role.FOLLOWER);
            hooks.announce(RoleHooks.Role.FOLLOWER);
            hooks.announce(RoleHooks.Role.LEADER);
            hooks.announce(RoleHooks.Role.FOLLOWER);
            assertEquals(List.of("follower eth0", "leader eth0", "follower eth0"), awaitLines(log, 3));
        }
    }

    @Test
    public void hangingHookIsKilledWithItsChildrenAndTheNextOneRuns() throws Exception {
        Path log = folder.getRoot().toPath().resolve("after.log");
        Path pidFile = folder.getRoot().toPath().resolve("child.pid");
        script("hang.sh", "sleep 600 & echo $! > " + pidFile + "; wait");
        script("after.sh", "echo ran >> " + log);
        try (RoleHooks hooks = new RoleHooks(List.of("./hang.sh"), List.of("./after.sh"), Duration.ofMillis(500),
                folder.getRoot().toPath())) {
            hooks.announce(RoleHooks.Role.LEADER);
            hooks.announce(RoleHooks.Role.FOLLOWER);
            assertEquals(List.of("ran"), awaitLines(log, 1));
        }
        long child = Long.parseLong(Files.readString(pidFile).trim());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertTrue("the hook's child process was killed", ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    public void aFailedHookRunsAgainUntilItSucceeds() throws Exception {
        Path count = folder.getRoot().toPath().resolve("count");
        Path log = folder.getRoot().toPath().resolve("released.log");
        script("release.sh", "n=$(cat " + count + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + count
                + "; [ $n -ge 3 ] && echo released >> " + log);
        try (RoleHooks hooks = new RoleHooks(List.of(), List.of("./release.sh"), Duration.ofSeconds(5),
                folder.getRoot().toPath())) {
            hooks.announce(RoleHooks.Role.FOLLOWER);
            for (int i = 0; i < 100 && !Files.exists(log); i++) {
                Thread.sleep(100);
            }
            assertEquals("failed twice, then ran a third time (after 1 s and 2 s)", List.of("released"),
                    Files.readAllLines(log));
            assertEquals("3", Files.readString(count).strip());
        }
    }

    @Test
    public void closingLetsTheLastAnnouncedHookFinish() throws Exception {
        Path log = folder.getRoot().toPath().resolve("stop.log");
        script("slow.sh", "sleep 1; echo \"$1\" >> " + log);
        RoleHooks hooks = new RoleHooks(List.of("./slow.sh", "leader"), List.of("./slow.sh", "follower"),
                Duration.ofSeconds(5), folder.getRoot().toPath());
        hooks.announce(RoleHooks.Role.LEADER);
        hooks.announce(RoleHooks.Role.FOLLOWER);
        hooks.close();
        assertEquals("a clean stop releases what the leader hook took", List.of("leader", "follower"),
                Files.readAllLines(log));
    }
}
