package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runners.MethodSorters;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * The mass-failure guard's second opinion in a zone of three servers, with real agents over mutual TLS and
 * ipmi_sim BMCs. Each host's agent listens on an address of its own (127.0.0.11, .12, .13) at one port, and the hosts
 * are created without a port, so each server calls them at the port of its own {@code org.zonekeeper.agent.cfg}:
 * giving the leader another port cuts the leader alone from every agent while the followers still reach them. Then
 * nobody is fenced, the hosts stay HELD with the followers' word in {@code ha:status}, and the leader blames itself
 * in its log. A mass failure every server sees (every agent frozen) is a real one: each host is found down by the
 * leader and both followers and fenced, its power-off confirmed by its BMC.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SecondOpinionTest {
    private static final String PASSWORD = "Opinion-Bmc-7";
    private static final String TOKEN = "opinion-agent-token";
    private static final int HOSTS = 3;
    private static final Duration SOON = Duration.ofSeconds(60);

    @ClassRule
    public static TemporaryFolder dir = new TemporaryFolder();

    private static LocalZone zone;
    private static int agentPort;
    private static final List<IpmiSim> bmcs = new ArrayList<>();
    private static final List<Process> agents = new ArrayList<>();

    @BeforeClass
    public static void startHostsAndZone() throws Exception {
        Path root = dir.getRoot().toPath();
        Path shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("opinion");
        zone.up(3);
        agentPort = HostLab.freePort();
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            Process agent = HostLab.startAgent(zone, root.resolve("kvm-" + i), "kvm-" + i, address(i), agentPort,
                    TOKEN, null);
            IpmiSim bmc = IpmiSim.start(root.resolve("bmc-" + i), "fence", PASSWORD);
            bmc.whenOff("/bin/kill -KILL -- -" + agent.pid());
            agents.add(agent);
            bmcs.add(bmc);
            devices.add(HostLab.ipmiDevice(bmc.port(), "kvm-" + i, 5000));
            zone.exec(0, "host:create --cpu 1600 --memory 8192 --address " + address(i) + " kvm-" + i);
        }
        for (int server = 0; server < 3; server++) {
            Path etc = zone.serverDir(server).resolve("etc");
            HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
            for (int i = 1; i <= HOSTS; i++) {
                HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-kvm-" + i + ".cfg"),
                        devices.get(i - 1));
            }
            HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                    "interval.ms = 500\nfailures = 2\nprobe.timeout.ms = 300\n");
            HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"), "mode = migrate\nwait.cycles = 1\n"
                    + "second.opinion.timeout.ms = 1000\nsecond.opinion.interval.ms = 2000\n");
            HostLab.secret(etc.resolve("agent.token"), TOKEN);
            agentConfig(server, agentPort, shared);
        }
        Await.until(SOON, "every host MONITORED", SecondOpinionTest::states,
                s -> s.size() == HOSTS && s.values().stream().allMatch("MONITORED"::equals));
    }

    @AfterClass
    public static void stopAll() {
        if (zone != null) {
            zone.close();
        }
        agents.forEach(HostLab::kill);
        bmcs.forEach(IpmiSim::close);
    }

    /** Host {@code i}'s agent address, a loopback address of its own. */
    private static String address(int i) {
        return "127.0.0." + (10 + i);
    }

    private static void agentConfig(int server, int port, Path shared) throws IOException {
        HostLab.config(zone.serverDir(server).resolve("etc/org.zonekeeper.agent.cfg"), "token.file = "
                + "etc/agent.token\nport = " + port + "\ndisk.dir = " + shared + "\n");
    }

    private static Map<String, String> states() {
        return ZoneTable.rows(zone.exec(0, "host:list"), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get("STATE"), (a, b) -> a, TreeMap::new));
    }

    private static List<Map<String, String>> recoveries(int server) {
        return ZoneTable.rows(zone.exec(server, "ha:status"), "HOST");
    }

    private static String log(int server) throws IOException {
        return Files.readString(zone.serverDir(server).resolve("data/log/karaf.log"));
    }

    /** The durations of the leader's second opinions, in ms, as its log gives them. */
    private static List<Long> opinionTimes(String log) {
        Matcher m = Pattern.compile("second opinion on \\d+ held hosts in (\\d+) ms").matcher(log);
        List<Long> times = new ArrayList<>();
        while (m.find()) {
            times.add(Long.parseLong(m.group(1)));
        }
        return times;
    }

    @Test
    public void aLeaderCutFromHostsTheOthersReachFencesNoneAndGivesWay() throws Exception {
        int leader = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        Path shared = dir.getRoot().toPath().resolve("shared");
        agentConfig(leader, HostLab.freePort(), shared); // nothing listens there: the leader's calls are refused
        try {
            Await.until(SOON, "another server leads", () -> zone.exec((leader + 1) % 3, "zone:show"),
                    out -> LocalZone.leaderIn(out) >= 0 && LocalZone.leaderIn(out) != leader);
            Await.until(SOON, "every host MONITORED again, under the new leader", SecondOpinionTest::states,
                    s -> s.values().stream().allMatch("MONITORED"::equals));
            for (IpmiSim bmc : bmcs) {
                assertTrue("no power-off was sent", bmc.isOn());
            }
            String log = log(leader);
            assertTrue("the hosts were held, reached by the others", log.contains("held hosts reached by another server"));
            assertTrue("the leader blamed itself", log.contains("(leader) cannot reach hosts that the other servers "
                    + "reach"));
            assertTrue("and gave way", log.contains("gives way as leader of term"));
            System.out.println("second opinions, leader cut off (ms): " + opinionTimes(log));
        } finally {
            agentConfig(leader, agentPort, shared);
        }
        Await.until(SOON, "no recovery left", () -> recoveries((leader + 1) % 3), List::isEmpty);
    }

    @Test
    public void everyAgentFrozenIsAMassFailureEveryServerSeesAndEachHostIsFencedAfterTheSecondOpinion()
            throws Exception {
        int leader = LocalZone.leaderIn(zone.exec(0, "zone:show"));
        int before = opinionTimes(log(leader)).size();
        for (Process agent : agents) {
            HostLab.signal("STOP", agent);
        }
        Await.until(SOON, "every host FENCED", SecondOpinionTest::states,
                s -> s.values().stream().allMatch("FENCED"::equals));
        for (IpmiSim bmc : bmcs) {
            assertTrue("every power-off confirmed", !bmc.isOn());
        }
        String log = log(leader);
        for (int i = 1; i <= HOSTS; i++) {
            assertTrue("kvm-" + i + " found down by a majority before it was fenced", log.contains("host kvm-" + i
                    + ": second opinion: down, not reached by "));
        }
        List<Long> times = opinionTimes(log);
        System.out.println("second opinions, every agent frozen (ms): " + times.subList(before, times.size()));
    }
}
