package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.agent.guest.SharedDiskChecker;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * A leader killed while it fences a host, and one killed while it redeploys the host's VMs: the next leader
 * finishes the recovery from the replicated state; every VM of the host runs again once, and no disk ever had two
 * live writers.
 */
public class VmHaFailoverTest {
    private static final String PASSWORD = "Failover-Bmc-1";
    private static final String TOKEN = "failover-agent-token";
    private static final Duration SOON = Duration.ofSeconds(120);

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private LocalZone zone;
    private Path shared;
    private final List<IpmiSim> bmcs = new ArrayList<>();
    private final List<Process> agents = new ArrayList<>();

    @After
    public void stopAll() {
        if (zone != null) {
            zone.close();
        }
        agents.forEach(HostLab::kill);
        bmcs.forEach(IpmiSim::close);
    }

    /** Three servers, {@code hosts} hosts with agents and BMCs, {@code vms} VMs RUNNING; the VMs on kvm-1. */
    private List<String> startZone(int hosts, int vms, int failures) throws Exception {
        Path root = dir.getRoot().toPath();
        shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("ha-failover");
        zone.up(3);
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            int port = HostLab.freePort();
            Process agent = HostLab.startAgent(zone, root.resolve("kvm-" + i), "kvm-" + i, port, TOKEN);
            IpmiSim bmc = IpmiSim.start(root.resolve("bmc-" + i), "fence", PASSWORD);
            bmc.whenOff("/bin/kill -KILL -- -" + agent.pid());
            agents.add(agent);
            bmcs.add(bmc);
            devices.add(HostLab.ipmiDevice(bmc.port(), "kvm-" + i, 4000));
            zone.exec(0, "host:create --cpu 800 --memory 8192 --address 127.0.0.1:" + port + " kvm-" + i);
        }
        for (int server = 0; server < 3; server++) {
            Path etc = zone.serverDir(server).resolve("etc");
            HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
            for (int i = 1; i <= hosts; i++) {
                HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-kvm-" + i + ".cfg"),
                        devices.get(i - 1));
            }
            HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                    "interval.ms = 1000\nfailures = " + failures + "\nprobe.timeout.ms = 800\n");
            HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"),
                    "mode = migrate\nwait.cycles = 1\nfence.retry.ms = 1000\nfence.retry.max.ms = 2000\n");
            HostLab.secret(etc.resolve("agent.token"), TOKEN);
            HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                    + shared + "\n");
        }
        Await.until(SOON, "every host MONITORED", () -> column(0, "host:list", "STATE"),
                s -> s.size() == hosts && s.values().stream().allMatch("MONITORED"::equals));
        for (int v = 1; v <= vms; v++) {
            zone.exec(0, "vm:create --cpu 100 --memory 512 vm-" + v);
        }
        Await.until(SOON, "every VM RUNNING", () -> column(0, "vm:list", "STATE"),
                s -> s.size() == vms && s.values().stream().allMatch("RUNNING"::equals));
        List<String> lost = column(0, "vm:list", "HOST").entrySet().stream()
                .filter(e -> e.getValue().equals("kvm-1")).map(Map.Entry::getKey).toList();
        assertFalse("VMs on kvm-1", lost.isEmpty());
        return lost;
    }

    @Test
    public void aLeaderKilledWhileFencingIsReplacedAndTheNextLeaderFinishesTheRecovery() throws Exception {
        List<String> lost = startZone(2, 4, 2);
        // kvm-1 looks dead (agent frozen, VMs still writing) and its BMC takes the power-off but does not act yet
        bmcs.get(0).stuck(true);
        HostLab.signal("STOP", agents.get(0));
        Await.until(SOON, "kvm-1 FENCING", () -> column(0, "host:list", "STATE"), s -> "FENCING".equals(s.get("kvm-1")));
        int leader = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        zone.kill(leader);
        bmcs.get(0).stuck(false);
        int survivor = (leader + 1) % 3;

        Await.until(SOON, "kvm-1 FENCED by the next leader", () -> column(survivor, "host:list", "STATE"),
                s -> "FENCED".equals(s.get("kvm-1")));
        assertMovedOnce(survivor, 4, lost);
    }

    @Test
    public void aLeaderKilledWhileRedeployingIsReplacedAndNoVmStartsTwice() throws Exception {
        // failures = 6: the other hosts' agents are frozen for a few seconds without going to ERROR
        List<String> lost = startZone(3, 6, 6);
        bmcs.get(0).stuck(true);
        HostLab.signal("STOP", agents.get(0));
        Await.until(SOON, "kvm-1 FENCING", () -> column(0, "host:list", "STATE"), s -> "FENCING".equals(s.get("kvm-1")));
        // the hosts the VMs move to take the deploys but do not answer them yet
        HostLab.signal("STOP", agents.get(1));
        HostLab.signal("STOP", agents.get(2));
        bmcs.get(0).stuck(false);
        Await.until(SOON, "a VM of kvm-1 placed elsewhere, its deploy under way", () -> zone.exec(0, "vm:list"),
                out -> ZoneTable.rows(out, "NAME").stream().anyMatch(r -> lost.contains(r.get("NAME"))
                        && r.get("STATE").equals("DEPLOYING") && !r.get("HOST").equals("kvm-1")));
        int leader = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        zone.kill(leader);
        HostLab.signal("CONT", agents.get(1));
        HostLab.signal("CONT", agents.get(2));
        int survivor = (leader + 1) % 3;
        assertMovedOnce(survivor, 6, lost);
    }


    /** Every VM RUNNING off kvm-1; each VM of kvm-1 started once more elsewhere, never two live writers. */
    private void assertMovedOnce(int server, int vms, List<String> lost) throws Exception {
        Await.until(SOON, "every VM RUNNING off kvm-1", () -> zone.exec(server, "vm:list"), out -> {
            Map<String, String> at = ZoneTable.rows(out, "NAME").stream()
                    .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get("STATE") + "@" + r.get("HOST")));
            return at.size() == vms && at.values().stream().allMatch(s -> s.startsWith("RUNNING@")
                    && !s.endsWith("@kvm-1"));
        });
        Thread.sleep(1000);
        Map<String, String> ids = column(server, "vm:list", "ID");
        for (String vm : lost) {
            Path disk = HostLab.disk(shared, ids.get(vm));
            assertEquals("no two live writers of " + vm, List.of(), SharedDiskChecker.overlaps(disk));
            assertEquals(vm + " ran on kvm-1, then once elsewhere", 2, SharedDiskChecker.writers(disk).size());
        }
    }

    private Map<String, String> column(int server, String command, String column) {
        return ZoneTable.rows(zone.exec(server, command), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get(column)));
    }
}
