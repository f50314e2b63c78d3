package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.agent.guest.SharedDiskChecker;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HoldingProxy;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * The frozen-leader sequence, scripted: leader L1 has written that it deploys VM v on host kvm-1 and sent the deploy,
 * which the network holds (a proxy in front of kvm-1's agent); L1 is frozen (SIGSTOP). L2 takes over, deploys v on
 * kvm-1 itself; an operator moves v to kvm-2 (stop confirmed, then start). Then L1's deploy arrives at kvm-1's agent
 * and L1 wakes up (SIGCONT): the agent refuses the deploy (an older leader's term), nothing of L1 is applied, and v's
 * disk never had two writers.
 */
public class FrozenLeaderTest {
    private static final String TOKEN = "frozen-leader-token";
    private static final Duration SOON = Duration.ofSeconds(90);

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private LocalZone zone;
    private HoldingProxy proxy;
    private final List<Process> agents = new ArrayList<>();

    @After
    public void stopAll() throws Exception {
        if (zone != null) {
            zone.close();
        }
        agents.forEach(HostLab::kill);
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    public void aFrozenLeadersDeployArrivingLateIsRefusedAndTheVmNeverRunsTwice() throws Exception {
        Path root = dir.getRoot().toPath();
        Path shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("frozen");
        zone.up(3);
        int[] ports = {HostLab.freePort(), HostLab.freePort()};
        for (int i = 0; i < 2; i++) {
            agents.add(HostLab.startAgent(zone, root.resolve("kvm-" + (i + 1)), "kvm-" + (i + 1), ports[i], TOKEN));
        }
        proxy = new HoldingProxy(ports[0], HostLab.identity(zone, new Peer(Role.HOST, "kvm-1")),
                HostLab.identity(zone, new Peer(Role.SERVER, "holding-proxy")));
        Map<Path, String> configs = new java.util.HashMap<>();
        for (int server = 0; server < 3; server++) {
            Path etc = zone.serverDir(server).resolve("etc");
            HostLab.secret(etc.resolve("agent.token"), TOKEN);
            configs.put(etc.resolve("org.zonekeeper.monitor.cfg"),
                    "interval.ms = 1000\nfailures = 3\nprobe.timeout.ms = 800\n");
            configs.put(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                    + shared + "\nrequest.timeout.ms = 60000\n");
        }
        for (Map.Entry<Path, String> config : configs.entrySet()) {
            HostLab.config(config.getKey(), config.getValue());
        }
        HostLab.settle(configs);
        zone.exec(0, "host:create --cpu 1600 --memory 8192 --address 127.0.0.1:" + proxy.port() + " kvm-1");
        zone.exec(0, "host:create --cpu 1600 --memory 8192 --address 127.0.0.1:" + ports[1] + " kvm-2");
        Await.until(SOON, "both hosts MONITORED", () -> column("host:list", "STATE"),
                s -> s.size() == 2 && s.values().stream().allMatch("MONITORED"::equals));

        int first = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        int other = (first + 1) % 3;
        proxy.holdNext("PUT /v1/vms/");
        zone.exec(other, "vm:create --cpu 100 --memory 512 --host kvm-1 v");
        assertTrue("the first leader sent its deploy of v", proxy.awaitHeld(SOON));
        // its deploy waits for an answer (request.timeout.ms = 60000): it is frozen in the middle of it
        zone.pause(first);
        String vmId = row(zone.exec(other, "vm:list"), "v").get("ID");
        try {
            Await.until(SOON, "a new leader", () -> LocalZone.leaderIn(zone.exec(other, "zone:show")),
                    l -> l >= 0 && l != first);
            Await.until(SOON, "v RUNNING on kvm-1, deployed by the new leader", () -> zone.exec(other, "vm:list"),
                    out -> row(out, "v").get("STATE").equals("RUNNING"));
            String moved = zone.exec(other, "vm:migrate --host kvm-2 v");
            assertTrue(moved, moved.contains("is DEPLOYING"));
            Await.until(SOON, "v RUNNING on kvm-2", () -> zone.exec(other, "vm:list"),
                    out -> row(out, "v").get("STATE").equals("RUNNING") && row(out, "v").get("HOST").equals("kvm-2"));
            proxy.release();
            String answer = proxy.heldAnswer().get(30, TimeUnit.SECONDS);
            assertTrue(answer, answer.startsWith("HTTP/1.1 409"));
            assertTrue(answer, answer.contains("is stale: this agent has heard from the leader of term"));
        } finally {
            zone.resume(first);
        }
        // the first leader wakes up: whatever it still sends is refused (agent) or not applied (state machine)
        Await.until(SOON, "the first leader follows", () -> LocalZone.leaderIn(zone.exec(first, "zone:show")),
                l -> l >= 0 && l != first);
        Thread.sleep(3000);
        Map<String, String> v = row(zone.exec(first, "vm:list"), "v");
        assertEquals("RUNNING", v.get("STATE"));
        assertEquals("kvm-2", v.get("HOST"));
        assertEquals("created on kvm-1, then started on kvm-2", "2",
                ZoneTable.field(zone.exec(first, "vm:show v"), "PLACEMENT"));
        Path disk = HostLab.disk(shared, vmId);
        assertEquals("no two live writers of v", List.of(), SharedDiskChecker.overlaps(disk));
        List<String> writers = SharedDiskChecker.writers(disk).stream().map(SharedDiskChecker.Writer::host).toList();
        assertEquals("v ran on kvm-1 (the new leader's deploy), then on kvm-2; the frozen leader's never ran",
                List.of("kvm-1", "kvm-2"), writers);
    }

    private Map<String, String> column(String command, String column) {
        return ZoneTable.rows(zone.exec(0, command), "NAME").stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("NAME"), r -> r.get(column)));
    }

    private static Map<String, String> row(String table, String name) {
        return ZoneTable.rows(table, "NAME").stream().filter(r -> name.equals(r.get("NAME"))).findFirst()
                .orElse(Map.of("ID", "-", "STATE", "-", "HOST", "-"));
    }
}
