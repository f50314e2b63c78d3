package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
 * The leader's host-error workflow in a running server against real ipmi_sim BMCs, for hosts whose node agent does
 * not answer: ERROR after the missed probes, then FENCING, then FENCED only once the BMC confirmed OFF (and the host
 * disabled); a host whose BMC does not answer goes to FENCE_FAILED, its VM is not touched and the alert hook on
 * HOST/FENCE_FAILED runs.
 */
public class HostErrorWorkflowTest {
    private static final String PASSWORD = "Ha-Bmc-Pw-5";
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @ClassRule
    public static TemporaryFolder bmcs = new TemporaryFolder();

    private static LocalZone zone;
    private static IpmiSim bmc;
    private static IpmiSim dead;
    private static Path alerts;

    @BeforeClass
    public static void startZone() throws IOException {
        bmc = IpmiSim.start(bmcs.getRoot().toPath().resolve("bmc"), "fence", PASSWORD);
        dead = IpmiSim.start(bmcs.getRoot().toPath().resolve("dead"), "fence", PASSWORD);
        dead.stop();
        zone = LocalZone.create("ha");
        zone.up(1);
        Path etc = zone.serverDir(0).resolve("etc");
        HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
        device(etc, "bmc-a", bmc.port(), "kvm-a");
        device(etc, "bmc-b", dead.port(), "kvm-b");
        HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                "interval.ms = 500\nfailures = 2\nprobe.timeout.ms = 300\n");
        HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"),
                // both hosts fail at once on purpose: the mass-failure guard (MassFailureTest) is off here
                "mode = migrate\nwait.cycles = 1\nfence.retry.ms = 60000\nmax.failed.fraction = 1\n");
        alerts = bmcs.getRoot().toPath().resolve("alerts.txt");
        Path alert = bmcs.getRoot().toPath().resolve("alert.sh");
        Files.writeString(alert, "#!/bin/sh\necho \"$1 $2\" >> " + alerts + "\n");
        alert.toFile().setExecutable(true);
        HostLab.config(etc.resolve("org.zonekeeper.hook-alert.cfg"), "events = HOST/FENCE_FAILED\ncommand = "
                + alert + "\narguments = $EVENT $NAME\n");
        zone.exec(0, "host:create --address 127.0.0.1:9 kvm-a");
        zone.exec(0, "host:create --address 127.0.0.1:9 kvm-b");
        zone.exec(0, "vm:create --host kvm-a web");
        zone.exec(0, "vm:create --host kvm-b db");
        // the token switches monitoring on: written last, so both hosts are probed from the same round
        HostLab.secret(etc.resolve("agent.token"), "token-for-agents");
        HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\n");
    }

    private static void device(Path etc, String name, int port, String host) throws IOException {
        HostLab.config(etc.resolve("org.zonekeeper.fencing.device-" + name + ".cfg"), HostLab.ipmiDevice(port, host, 5000));
    }

    @AfterClass
    public static void stopZone() {
        if (zone != null) {
            zone.close();
        }
        Stream.of(bmc, dead).filter(b -> b != null).forEach(IpmiSim::close);
    }

    private static Map<String, String> host(String name) {
        List<Map<String, String>> rows = ZoneTable.rows(zone.exec(0, "host:list"), "NAME");
        return rows.stream().filter(r -> r.get("NAME").equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void aSilentHostIsFencedThroughItsBmcAndDisabled() throws Exception {
        Await.until(RECOVERY, "kvm-a FENCED", () -> host("kvm-a"), h -> h.get("STATE").equals("FENCED"));
        assertFalse("the BMC powered kvm-a off", bmc.isOn());
        assertTrue(bmc.powerCommands().contains("0"));
        assertTrue(host("kvm-a").get("ENABLED").equals("no"));
    }

    @Test
    public void aHostWhoseBmcDoesNotAnswerIsFenceFailedAndItsVmStaysPut() {
        Await.until(RECOVERY, "kvm-b FENCE_FAILED", () -> host("kvm-b"),
                h -> h.get("STATE").equals("FENCE_FAILED"));
        String status = zone.exec(0, "ha:status");
        assertTrue(status, status.contains("kvm-b") && status.contains("FENCE_FAILED"));
        assertTrue(status, status.contains("unreachable"));
        Map<String, String> db = ZoneTable.rows(zone.exec(0, "vm:list"), "NAME").stream()
                .filter(r -> r.get("NAME").equals("db")).findFirst().orElseThrow();
        assertTrue(db.toString(), db.get("HOST").equals("kvm-b"));
        Await.until(RECOVERY, "the alert hook ran", () -> read(alerts), t -> t.contains("HOST/FENCE_FAILED kvm-b"));
        String log = zone.exec(0, "hook:log --hook alert");
        assertTrue(log, log.contains("HOST/FENCE_FAILED") && log.contains("SUCCEEDED"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
