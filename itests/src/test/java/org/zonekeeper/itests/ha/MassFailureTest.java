package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * The mass-failure guard with real agents and ipmi_sim BMCs: when every host stops answering at once (their agents
 * frozen, as a leader cut from its own network would see it), nobody is powered off, the hosts are HELD and
 * ZONE/MASS_FAILURE fires; once they answer again, one host that really loses power is fenced alone; one whose
 * agent dies while it is in maintenance is not fenced at all.
 */
public class MassFailureTest {
    private static final String PASSWORD = "Mass-Bmc-7";
    private static final String TOKEN = "mass-agent-token";
    private static final int HOSTS = 3;
    private static final Duration SOON = Duration.ofSeconds(60);

    @ClassRule
    public static TemporaryFolder dir = new TemporaryFolder();

    private static LocalZone zone;
    private static Path alerts;
    private static final List<IpmiSim> bmcs = new ArrayList<>();
    private static final List<Process> agents = new ArrayList<>();

    @BeforeClass
    public static void startHostsAndZone() throws Exception {
        Path root = dir.getRoot().toPath();
        zone = LocalZone.create("mass");
        zone.up(1);
        Path etc = zone.serverDir(0).resolve("etc");
        HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
        for (int i = 1; i <= HOSTS; i++) {
            int port = HostLab.freePort();
            Process agent = HostLab.startAgent(zone, root.resolve("kvm-" + i), "kvm-" + i, port, TOKEN);
            IpmiSim bmc = IpmiSim.start(root.resolve("bmc-" + i), "fence", PASSWORD);
            bmc.whenOff("/bin/kill -KILL -- -" + agent.pid());
            agents.add(agent);
            bmcs.add(bmc);
            HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-kvm-" + i + ".cfg"),
                    HostLab.ipmiDevice(bmc.port(), "kvm-" + i, 5000));
            zone.exec(0, "host:create --cpu 1600 --memory 8192 --address 127.0.0.1:" + port + " kvm-" + i);
        }
        alerts = root.resolve("alerts.txt");
        Path alert = root.resolve("alert.sh");
        Files.writeString(alert, "#!/bin/sh\necho \"$1 $2\" >> " + alerts + "\n");
        alert.toFile().setExecutable(true);
        HostLab.config(etc.resolve("org.zonekeeper.hook-mass.cfg"), "events = ZONE/MASS_FAILURE\ncommand = "
                + alert + "\narguments = $EVENT $NAME\n");
        HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                "interval.ms = 500\nfailures = 2\nprobe.timeout.ms = 300\n");
        HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"), "mode = migrate\nwait.cycles = 1\n");
        HostLab.secret(etc.resolve("agent.token"), TOKEN);
        HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                + Files.createDirectories(root.resolve("shared")) + "\n");
        Await.until(SOON, "every host MONITORED", () -> states(),
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

    private static Map<String, String> states() {
        return ZoneTable.rows(zone.exec(0, "host:list"), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get("STATE")));
    }


    @Test
    public void hostsThatAllStopAnsweringAtOnceAreHeldUnfencedThenOneRealFailureIsFencedAloneAndOneInMaintenanceIsNot() throws Exception {
        for (Process agent : agents) {
            HostLab.signal("STOP", agent);
        }
        try {
            Await.until(SOON, "every host HELD", () -> zone.exec(0, "ha:status"),
                    s -> ZoneTable.rows(s, "HOST").stream().filter(r -> r.get("STEP").equals("HELD")).count() == HOSTS);
            Await.until(SOON, "ZONE/MASS_FAILURE fired", () -> read(alerts), t -> t.contains("ZONE/MASS_FAILURE"));
            // unguarded, wait.cycles = 1 of 500 ms would have fenced them within about 3 s
            Thread.sleep(6000);
            assertEquals("nobody was fenced", List.of("ERROR", "ERROR", "ERROR"), List.copyOf(new java.util.TreeMap<>(
                    states()).values()));
            for (IpmiSim bmc : bmcs) {
                assertTrue("no power-off was sent", bmc.isOn());
            }
            assertEquals("the event fired once", 1, read(alerts).lines().filter(l -> l.contains("MASS_FAILURE"))
                    .count());
        } finally {
            for (Process agent : agents) {
                HostLab.signal("CONT", agent);
            }
        }
        Await.until(SOON, "every host MONITORED again", () -> states(),
                s -> s.values().stream().allMatch("MONITORED"::equals));
        // now one host really loses power: the BMC reads off and its processes die
        bmcs.get(0).setOn(false);
        HostLab.powerLoss(agents.get(0));
        Await.until(SOON, "kvm-1 FENCED", () -> states(), s -> "FENCED".equals(s.get("kvm-1")));
        Map<String, String> after = states();
        assertEquals("MONITORED", after.get("kvm-2"));
        assertEquals("MONITORED", after.get("kvm-3"));
        assertTrue(bmcs.get(1).isOn() && bmcs.get(2).isOn());
        assertFalse(zone.exec(0, "ha:status").contains("HELD"));

        assertTrue(zone.exec(0, "host:maintenance kvm-2 on").contains("host kvm-2 MAINTENANCE"));
        HostLab.kill(agents.get(1));
        Thread.sleep(4000);
        assertEquals("MAINTENANCE", states().get("kvm-2"));
        assertTrue("a host in maintenance is never powered off", bmcs.get(1).isOn());
        String refused = org.junit.Assert.assertThrows(LocalZone.ZoneLocalException.class,
                () -> zone.exec(0, "vm:create --host kvm-2 late")).output();
        assertTrue(refused, refused.contains("is in MAINTENANCE: it takes no new VM"));
        assertTrue(zone.exec(0, "host:maintenance kvm-2 off").contains("host kvm-2 INIT"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
