package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * The host-error workflow replaced by a script (org.zonekeeper.ha mode = hook): the shipped
 * hook-scripts/ha/host_error.sh, run on HOST/ERROR, fences the host through its BMC with ha:fence and moves its VMs
 * with ha:redeploy; the built-in workflow does nothing of its own.
 */
public class HostErrorHookTest {
    private static final String PASSWORD = "Hook-Bmc-2";
    private static final String TOKEN = "hook-agent-token";
    private static final Duration SOON = Duration.ofSeconds(120);

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private LocalZone zone;
    private IpmiSim bmc;
    private Process[] agents = new Process[2];

    @After
    public void stopAll() {
        if (zone != null) {
            zone.close();
        }
        for (Process agent : agents) {
            if (agent != null) {
                HostLab.kill(agent);
            }
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    @Test
    public void aScriptHookFencesTheHostAndMovesItsVms() throws Exception {
        Path root = dir.getRoot().toPath();
        Path shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("ha-hook");
        zone.up(1);
        Path home = zone.serverDir(0);
        Path etc = home.resolve("etc");
        HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
        for (int i = 1; i <= 2; i++) {
            int port = HostLab.freePort();
            agents[i - 1] = HostLab.startAgent(zone, root.resolve("kvm-" + i), "kvm-" + i, port, TOKEN);
            zone.exec(0, "host:create --cpu 800 --memory 8192 --address 127.0.0.1:" + port + " kvm-" + i);
        }
        bmc = IpmiSim.start(root.resolve("bmc-1"), "fence", PASSWORD);
        bmc.whenOff("/bin/kill -KILL -- -" + agents[0].pid());
        HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-kvm-1.cfg"), HostLab.ipmiDevice(bmc.port(), "kvm-1", 5000));
        String sshPort = Files.readAllLines(etc.resolve("org.apache.karaf.shell.cfg")).stream()
                .filter(l -> l.startsWith("sshPort")).findFirst().orElseThrow().split("=")[1].trim();
        Path key = home.getParent().resolve("zone-local.key");
        HostLab.config(etc.resolve("org.zonekeeper.hook-host-error.cfg"), String.join("\n",
                "events = HOST/ERROR", "command = ha/host_error.sh",
                "arguments = $NAME 1 " + sshPort + " " + key, "timeout.ms = 120000", ""));
        HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"), "mode = hook\n");
        HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                "interval.ms = 1000\nfailures = 2\nprobe.timeout.ms = 800\n");
        HostLab.secret(etc.resolve("agent.token"), TOKEN);
        HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                + shared + "\n");
        Await.until(SOON, "both hosts MONITORED", () -> column("host:list", "STATE"),
                s -> s.size() == 2 && s.values().stream().allMatch("MONITORED"::equals));
        for (int v = 1; v <= 4; v++) {
            zone.exec(0, "vm:create --cpu 100 --memory 512 vm-" + v);
        }
        Await.until(SOON, "every VM RUNNING", () -> column("vm:list", "STATE"),
                s -> s.size() == 4 && s.values().stream().allMatch("RUNNING"::equals));
        List<String> lost = column("vm:list", "HOST").entrySet().stream().filter(e -> e.getValue().equals("kvm-1"))
                .map(Map.Entry::getKey).toList();
        assertFalse("VMs on kvm-1", lost.isEmpty());

        bmc.setOn(false);
        HostLab.powerLoss(agents[0]);
        Await.until(SOON, "every VM RUNNING on kvm-2", () -> column("vm:list", "STATE"),
                s -> s.size() == 4 && s.values().stream().allMatch("RUNNING"::equals)
                        && column("vm:list", "HOST").values().stream().allMatch("kvm-2"::equals));
        assertEquals("FENCED", column("host:list", "STATE").get("kvm-1"));
        Map<String, String> run = Await.until(SOON, "the hook's execution SUCCEEDED",
                () -> ZoneTable.rows(zone.exec(0, "hook:log --hook host-error"), "ID"),
                rows -> rows.size() == 1 && !rows.get(0).get("STATE").equals("RUNNING")).get(0);
        assertEquals(run.toString(), "SUCCEEDED", run.get("STATE"));
        assertEquals("kvm-1", run.get("OBJECT"));
        assertFalse(bmc.isOn());
    }

    private Map<String, String> column(String command, String column) {
        return ZoneTable.rows(zone.exec(0, command), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get(column)));
    }
}
