package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.itests.support.LoopbackCapture;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * The leader and the node agents speak mutual TLS with the zone's certificates: a probe crosses loopback with
 * neither the agents' token nor the host's data in clear, and an agent answering at the address of another host
 * (a real agent of the zone, with its own host's certificate) is not taken for that host.
 */
public class AgentTlsTest {
    private static final String TOKEN = "agent-token-tls-7";
    private static final Duration SOON = Duration.ofSeconds(90);

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private LocalZone zone;
    private final List<Process> agents = new ArrayList<>();

    @After
    public void stopAll() {
        if (zone != null) {
            zone.close();
        }
        agents.forEach(HostLab::kill);
    }

    private Map<String, String> states() {
        return ZoneTable.rows(zone.exec(0, "host:list"), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get("STATE")));
    }

    @Test
    public void probesAreEncryptedAndAnAgentAnsweringForAnotherHostIsNotBelieved() throws Exception {
        Path root = dir.getRoot().toPath();
        zone = LocalZone.create("agent-tls");
        zone.up(1);
        int port = HostLab.freePort();
        int other = HostLab.freePort();
        agents.add(HostLab.startAgent(zone, root.resolve("kvm-1"), "kvm-1", port, TOKEN));
        // a real agent of the zone, holding kvm-2's certificate, at the address the operator gave kvm-9
        agents.add(HostLab.startAgent(zone, root.resolve("kvm-2"), "kvm-2", other, TOKEN));
        Path etc = zone.serverDir(0).resolve("etc");
        HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                "interval.ms = 500\nfailures = 2\nprobe.timeout.ms = 400\n");
        HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"), "mode = hook\n"); // nothing is fenced here
        HostLab.secret(etc.resolve("agent.token"), TOKEN);
        HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                + Files.createDirectories(root.resolve("shared")) + "\n");
        zone.exec(0, "host:create --cpu 800 --memory 4096 --address 127.0.0.1:" + port + " kvm-1");
        zone.exec(0, "host:create --cpu 800 --memory 4096 --address 127.0.0.1:" + other + " kvm-9");
        Await.until(SOON, "kvm-1 MONITORED over HTTPS", this::states, s -> "MONITORED".equals(s.get("kvm-1")));

        // about six probes of kvm-1
        String bytes = LoopbackCapture.during(zone.home().resolve("agent.pcap"), "port " + port,
                () -> Thread.sleep(3000));
        assertTrue("probe traffic was captured: " + bytes.length() + " bytes", bytes.length() > 3_000);
        for (String clear : List.of(TOKEN, "Bearer", "kvm-1", "/v1/health", "leaderTerm", "X-Zonekeeper-Term")) {
            assertFalse(clear + " crossed loopback in clear", bytes.contains(clear));
        }

        Await.until(SOON, "kvm-9 in ERROR: its address answers as kvm-2", this::states,
                s -> "ERROR".equals(s.get("kvm-9")));
        assertEquals("kvm-1 still answers", "MONITORED", states().get("kvm-1"));
        String log = Files.readString(zone.serverDir(0).resolve("data/log/karaf.log"));
        String why = log.lines().filter(l -> l.contains("host kvm-9: ")).findFirst().orElse("no line for kvm-9");
        assertTrue("the leader says why: " + why, why.contains("answered as host kvm-2, not as host kvm-9"));
    }
}
