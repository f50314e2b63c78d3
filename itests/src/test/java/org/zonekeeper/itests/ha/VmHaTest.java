package org.zonekeeper.itests.ha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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
import org.zonekeeper.agent.guest.SharedDiskChecker;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.ZoneTable;
import org.zonekeeper.testkit.NetNamespace;

/**
 * VM HA end to end with real processes: a zone of three servers, four hosts each a real node agent process (its VMs
 * heartbeat guests writing to a shared directory) with its own ipmi_sim BMC whose power-off kills the agent's
 * process group, the fourth in a network namespace of its own; 12 VMs. A host losing power, one whose agent stops
 * answering while its VMs still run, and one cut from the network (its link down) while it runs on, are fenced (OFF
 * confirmed), then their VMs run again on the other hosts, and no VM disk ever had two live writers. A host whose
 * BMC died with it is FENCE_FAILED until an operator declares it off. A deleted VM is stopped before it is removed;
 * a VM stopped, started elsewhere, moved cold and recovered after dying never has two writers.
 */
public class VmHaTest {
    private static final String PASSWORD = "Vm-Ha-Bmc-3";
    private static final String TOKEN = "vm-ha-agent-token";
    private static final int SERVERS = 3;
    private static final int HOSTS = 5;
    private static final int VMS = 12;
    /** The host that runs in its own network namespace, reached over a veth pair. */
    private static final int CUT = 4;
    private static final Duration SOON = Duration.ofSeconds(90);

    @ClassRule
    public static TemporaryFolder dir = new TemporaryFolder();

    private static LocalZone zone;
    private static Path shared;
    private static final List<IpmiSim> bmcs = new ArrayList<>();
    private static final List<Process> agents = new ArrayList<>();
    private static NetNamespace cutNs;
    private static String cutLink;

    @BeforeClass
    public static void startHostsAndZone() throws Exception {
        Path root = dir.getRoot().toPath();
        shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("vmha");
        zone.up(SERVERS);
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            int port = HostLab.freePort();
            String address = "127.0.0.1";
            if (i == CUT) {
                cutNs = NetNamespace.create();
                cutLink = "zkh" + cutNs.name().substring(3);
                cutNs.linkOut(cutLink, "10.213.4.1/30", "eth0", "10.213.4.2/30");
                address = "10.213.4.2";
            }
            Process agent = HostLab.startAgent(zone, root.resolve("kvm-" + i), "kvm-" + i, address, port, TOKEN,
                    i == CUT ? cutNs : null);
            IpmiSim bmc = IpmiSim.start(root.resolve("bmc-" + i), "fence", PASSWORD);
            bmc.whenOff("/bin/kill -KILL -- -" + agent.pid());
            agents.add(agent);
            bmcs.add(bmc);
            devices.add(HostLab.ipmiDevice(bmc.port(), "kvm-" + i, 5000));
            zone.exec(0, "host:create --cpu 1600 --memory 8192 --address " + address + ":" + port + " kvm-" + i);
        }
        // every server gets the same files: whichever leads monitors, fences and redeploys
        for (int server = 0; server < SERVERS; server++) {
            Path etc = zone.serverDir(server).resolve("etc");
            HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
            for (int i = 1; i <= HOSTS; i++) {
                HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-kvm-" + i + ".cfg"),
                        devices.get(i - 1));
            }
            HostLab.config(etc.resolve("org.zonekeeper.monitor.cfg"),
                    "interval.ms = 1000\nfailures = 2\nprobe.timeout.ms = 800\n");
            HostLab.config(etc.resolve("org.zonekeeper.ha.cfg"), "mode = migrate\nwait.cycles = 1\n");
            HostLab.secret(etc.resolve("agent.token"), TOKEN);
            HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                    + shared + "\n");
        }
        Await.until(SOON, "every host MONITORED", () -> column("host:list", "STATE"),
                states -> states.values().stream().allMatch("MONITORED"::equals) && states.size() == HOSTS);
        for (int v = 1; v <= VMS; v++) {
            zone.exec(0, "vm:create --cpu 100 --memory 512 vm-" + v);
        }
        Await.until(SOON, "every VM RUNNING", () -> column("vm:list", "STATE"),
                states -> states.size() == VMS && states.values().stream().allMatch("RUNNING"::equals));
    }

    /** NAME to the given column of a table command. */
    private static Map<String, String> column(String command, String column) {
        return ZoneTable.rows(zone.exec(0, command), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get(column)));
    }

    @AfterClass
    public static void stopAll() {
        if (zone != null) {
            zone.close();
        }
        agents.forEach(HostLab::kill);
        bmcs.forEach(IpmiSim::close);
        if (cutNs != null) {
            try {
                cutNs.close();
            } catch (java.io.IOException e) {
                System.err.println("left behind: " + cutNs + ": " + e.getMessage());
            }
        }
    }

    @Test
    public void aHostThatLosesPowerIsFencedAndItsVmsRunAgainElsewhere() throws Exception {
        List<String> lost = vmsOn("kvm-1");
        String unmanaged = lost.get(0);
        assertTrue(zone.exec(1, "vm:ha " + unmanaged + " off").contains("ha off, priority 0"));
        // power loss: the BMC reads off and the host's processes (agent and VMs) die with it
        bmcs.get(0).setOn(false);
        HostLab.powerLoss(agents.get(0));
        Await.until(SOON, unmanaged + " (ha off) STOPPED on its fenced host", () -> zone.exec(0, "vm:list"),
                out -> ZoneTable.rows(out, "NAME").stream().anyMatch(r -> r.get("NAME").equals(unmanaged)
                        && r.get("STATE").equals("STOPPED") && r.get("HOST").equals("kvm-1")));
        zone.exec(0, "vm:ha " + unmanaged + " on");
        zone.exec(0, "vm:start " + unmanaged);
        assertRecovered("kvm-1", bmcs.get(0), lost);
    }

    @Test
    public void aHostThatOnlyLooksDeadIsPoweredOffBeforeItsVmsStartElsewhere() throws Exception {
        List<String> lost = vmsOn("kvm-2");
        // the agent stops answering while the host and its VMs live on, writing to the shared disks
        HostLab.signal("STOP", agents.get(1));
        assertRecovered("kvm-2", bmcs.get(1), lost);
    }

    @Test
    public void aHostCutFromTheNetworkIsPoweredOffThroughItsBmcBeforeItsVmsStartElsewhere() throws Exception {
        String host = "kvm-" + CUT;
        List<String> lost = vmsOn(host);
        // the host runs on, its VMs writing to the shared disks, but nothing reaches it any more
        cutNs.setOutside(cutLink, false);
        assertRecovered(host, bmcs.get(CUT - 1), lost);
        assertFalse("the BMC's power-off killed the cut host's agent", agents.get(CUT - 1).isAlive());
    }

    @Test
    public void aHostWhoseBmcDiedWithItIsRecoveredOnceAnOperatorDeclaresItOff() throws Exception {
        String host = "kvm-5";
        List<String> lost = vmsOn(host);
        bmcs.get(4).stop();
        HostLab.powerLoss(agents.get(4));
        Await.until(SOON, host + " FENCE_FAILED", () -> column("host:list", "STATE"),
                s -> "FENCE_FAILED".equals(s.get(host)));
        String unforced = assertThrows(ZoneLocalException.class, () -> zone.exec(1, "ha:confirm-off " + host))
                .output();
        assertTrue(unforced, unforced.contains("make sure it is powered off, then run it again with --force"));
        String live = assertThrows(ZoneLocalException.class, () -> zone.exec(1, "ha:confirm-off --force kvm-3"))
                .output();
        assertTrue(live, live.contains("host kvm-3 is MONITORED: only a host that stopped answering"));
        String declared = zone.exec(1, "ha:confirm-off --force " + host);
        assertTrue(declared, declared.contains("host " + host + " FENCED: declared off by "));
        // another server's local read may be a heartbeat behind the declaration (docs/architecture.md, group commit)
        Await.until(SOON, "ha:status on server 0 names who declared " + host + " off", () -> zone.exec(0, "ha:status"),
                status -> status.contains("declared off by"));
        Await.until(SOON, "every VM RUNNING off " + host, () -> zone.exec(0, "vm:list"), out -> ZoneTable.rows(out,
                "NAME").stream().filter(r -> lost.contains(r.get("NAME")))
                .allMatch(r -> r.get("STATE").equals("RUNNING") && !r.get("HOST").equals(host)));
        Thread.sleep(1000);
        Map<String, String> ids = column("vm:list", "ID");
        for (String vm : lost) {
            Path disk = HostLab.disk(shared, ids.get(vm));
            assertEquals("no two live writers of " + vm, List.of(), SharedDiskChecker.overlaps(disk));
        }
    }

    @Test
    public void aDeletedVmIsStoppedBeforeItsNameIsUsedAgainElsewhere() throws Exception {
        List<String> healthy = column("host:list", "STATE").entrySet().stream()
                .filter(e -> e.getValue().equals("MONITORED")).map(Map.Entry::getKey).sorted().toList();
        String first = healthy.get(0);
        String other = healthy.get(healthy.size() - 1);
        zone.exec(0, "vm:create --cpu 100 --memory 512 --host " + first + " web");
        Await.until(SOON, "web RUNNING", () -> column("vm:list", "STATE"), s -> "RUNNING".equals(s.get("web")));
        Path oldDisk = HostLab.disk(shared, column("vm:list", "ID").get("web"));
        Await.until(SOON, "web writes its disk", () -> size(oldDisk), n -> n > 0);
        String deleting = zone.exec(0, "vm:delete web");
        assertTrue(deleting, deleting.contains("VM web is DELETING"));
        Await.until(SOON, "web removed", () -> column("vm:list", "STATE"), s -> !s.containsKey("web"));
        long stopped = Files.size(oldDisk);
        zone.exec(0, "vm:create --cpu 100 --memory 512 --host " + other + " web");
        Await.until(SOON, "the new web RUNNING", () -> column("vm:list", "STATE"), s -> "RUNNING".equals(s.get("web")));
        Path newDisk = HostLab.disk(shared, column("vm:list", "ID").get("web"));
        assertFalse("the new VM has a disk of its own", newDisk.equals(oldDisk));
        Await.until(SOON, "the new web writes its disk", () -> size(newDisk),
                n -> n > 0);
        Thread.sleep(1000);
        assertEquals("the deleted VM's process is gone: its disk no longer grows", stopped, Files.size(oldDisk));
        assertEquals(1, SharedDiskChecker.writers(oldDisk).size());
        assertEquals(1, SharedDiskChecker.writers(newDisk).size());
        zone.exec(0, "vm:delete web");
        Await.until(SOON, "the new web removed", () -> column("vm:list", "STATE"), s -> !s.containsKey("web"));
    }

    @Test
    public void aVmIsStoppedStartedMovedColdAndRecoveredWithNeverTwoWriters() throws Exception {
        List<String> healthy = column("host:list", "STATE").entrySet().stream()
                .filter(e -> e.getValue().equals("MONITORED")).map(Map.Entry::getKey).sorted().toList();
        String first = healthy.get(0);
        String other = healthy.get(healthy.size() - 1);
        zone.exec(0, "vm:create --cpu 100 --memory 512 --host " + first + " app");
        try {
            stopStartMigrateRecover(first, other);
        } finally {
            zone.exec(0, "vm:delete app");
            Await.until(SOON, "app removed", () -> column("vm:list", "STATE"), s -> !s.containsKey("app"));
        }
    }

    private void stopStartMigrateRecover(String first, String other) throws Exception {
        awaitState("app", "RUNNING", first);
        Path disk = HostLab.disk(shared, column("vm:list", "ID").get("app"));
        Await.until(SOON, "app writes its disk", () -> size(disk), n -> n > 0);

        String stopping = zone.exec(1, "vm:stop app");
        assertTrue(stopping, stopping.contains("VM app is STOPPING"));
        awaitState("app", "STOPPED", first);
        long stopped = Files.size(disk);
        Thread.sleep(1000);
        assertEquals("a STOPPED VM no longer writes", stopped, Files.size(disk));
        String refused = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "vm:recover app")).output();
        assertTrue(refused, refused.contains("only a FAILED VM on a MONITORED host is recovered there"));

        String started = zone.exec(0, "vm:start --host " + other + " app");
        assertTrue(started, started.contains("VM app is DEPLOYING"));
        awaitState("app", "RUNNING", other);
        String moved = zone.exec(2, "vm:migrate --host " + first + " app");
        assertTrue(moved, moved.contains("VM app is STOPPING") && moved.contains("is DEPLOYING"));
        awaitState("app", "RUNNING", first);
        assertEquals("placements: created, started, migrated", "3",
                ZoneTable.field(zone.exec(0, "vm:show app"), "PLACEMENT"));

        // the VM dies on a healthy host: FAILED, and an operator starts it there again
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(disk.toString()))
                .forEach(ProcessHandle::destroyForcibly);
        awaitState("app", "FAILED", first);
        String recovered = zone.exec(1, "vm:recover app");
        assertTrue(recovered, recovered.contains("VM app is DEPLOYING"));
        awaitState("app", "RUNNING", first);
        Thread.sleep(1000);
        assertEquals("one copy at a time, whatever the moves", List.of(), SharedDiskChecker.overlaps(disk));
        assertEquals("created, started, migrated, recovered", 4, SharedDiskChecker.writers(disk).size());
    }

    private static void awaitState(String vm, String state, String host) {
        Await.until(SOON, vm + " " + state + " on " + host, () -> zone.exec(0, "vm:list"), out -> ZoneTable.rows(out,
                "NAME").stream().anyMatch(r -> r.get("NAME").equals(vm) && r.get("STATE").equals(state)
                        && r.get("HOST").equals(host)));
    }

    private static long size(Path file) {
        return file.toFile().length();
    }

    private static List<String> vmsOn(String host) {
        Map<String, String> placement = column("vm:list", "HOST");
        List<String> on = placement.entrySet().stream().filter(e -> e.getValue().equals(host))
                .map(Map.Entry::getKey).toList();
        assertFalse("the scheduler spread VMs onto " + host + ": " + placement, on.isEmpty());
        return on;
    }

    private static void assertRecovered(String host, IpmiSim bmc, List<String> lost) throws Exception {
        Await.until(SOON, host + " FENCED", () -> column("host:list", "STATE"), s -> "FENCED".equals(s.get(host)));
        Await.until(SOON, "every VM RUNNING off " + host, () -> zone.exec(0, "vm:list"), out -> {
            Map<String, String> states = ZoneTable.rows(out, "NAME").stream()
                    .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get("STATE") + "@" + r.get("HOST")));
            return states.size() == VMS && states.values().stream()
                    .allMatch(s -> s.startsWith("RUNNING@") && !s.endsWith("@" + host));
        });
        assertFalse(bmc.isOn());
        assertEquals("no", ZoneTable.rows(zone.exec(0, "host:list"), "NAME").stream()
                .filter(r -> r.get("NAME").equals(host)).findFirst().orElseThrow().get("ENABLED"));
        Thread.sleep(1000);
        Map<String, String> ids = column("vm:list", "ID");
        for (String vm : lost) {
            Path disk = HostLab.disk(shared, ids.get(vm));
            assertTrue(vm + " was moved and writes again", SharedDiskChecker.writers(disk).size() >= 2);
            assertEquals("no two live writers of " + vm, List.of(), SharedDiskChecker.overlaps(disk));
        }
    }
}
