package org.zonekeeper.itests.fencing;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;

/**
 * Fencing in a running server (a real Karaf process) against real ipmi_sim BMCs: devices from .cfg files dropped
 * into etc/, the fence: commands, levels, a driver bundle taken away and hot-deployed again, secrets kept out of
 * the shell, config:list and the log.
 */
public class FencingZoneTest {
    private static final String PASSWORD = "Fence-Pw-4711";
    private static final Duration LIVE = Duration.ofSeconds(60);

    @ClassRule
    public static TemporaryFolder bmcs = new TemporaryFolder();

    private static LocalZone zone;
    private static IpmiSim bmc;
    private static IpmiSim dead;
    private static Path etc;

    @BeforeClass
    public static void startZone() throws IOException {
        bmc = IpmiSim.start(bmcs.getRoot().toPath().resolve("bmc"), "fence", PASSWORD);
        dead = IpmiSim.start(bmcs.getRoot().toPath().resolve("dead"), "fence", PASSWORD);
        dead.stop();
        zone = LocalZone.create("fencing");
        zone.up(1);
        etc = zone.serverDir(0).resolve("etc");
        HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
        device("bmc-1", bmc.port(), "kvm-1");
        device("bmc-dead", dead.port(), "kvm-2");
        Await.until(LIVE, "both devices ready", () -> zone.exec(0, "fence:device-list"),
                out -> out.contains("bmc-1") && out.contains("bmc-dead") && !out.contains("not installed"));
    }

    private static void device(String name, int port, String host) throws IOException {
        HostLab.config(etc.resolve("org.zonekeeper.fencing.device-" + name + ".cfg"), HostLab.ipmiDevice(port, host, 5000));
    }

    @AfterClass
    public static void stopZone() {
        if (zone != null) {
            zone.close();
        }
        Stream.of(bmc, dead).filter(b -> b != null).forEach(IpmiSim::close);
    }

    @Test
    public void devicesAreListedWithoutTheirPassword() {
        String list = zone.exec(0, "fence:device-list");
        assertTrue(list, list.contains("ready"));
        assertTrue(list, list.contains("set"));
        assertFalse(list, list.contains(PASSWORD));
        String config = zone.exec(0, "config:list '(service.factoryPid=org.zonekeeper.fencing.device)'");
        assertTrue(config, config.contains("password.file"));
        assertFalse(config, config.contains(PASSWORD));
        assertTrue(zone.exec(0, "fence:check bmc-1").contains("bmc-1"));
    }

    @Test
    public void offNeedsForceAndIsConfirmedThenOnAndStatus() throws Exception {
        zone.exec(0, "host:create kvm-1");
        ZoneLocalException unforced = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "fence:off kvm-1"));
        assertTrue(unforced.output(), unforced.output().contains("fence:off --force"));
        assertTrue(bmc.isOn());
        String off = zone.exec(0, "fence:off --force kvm-1");
        assertTrue(off, off.contains("kvm-1: off confirmed OFF"));
        assertFalse(bmc.isOn());
        assertTrue(zone.exec(0, "fence:status kvm-1").contains("kvm-1: status confirmed OFF"));
        assertTrue(zone.exec(0, "fence:on kvm-1").contains("kvm-1: on confirmed ON"));
        assertTrue(bmc.isOn());
    }

    @Test
    public void anUnreachableBmcFailsTheCommandAndIsNeverOff() {
        zone.exec(0, "host:create kvm-2");
        ZoneLocalException e = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "fence:off --force kvm-2"));
        assertTrue(e.output(), e.output().contains("kvm-2: off failed: bmc-dead (unreachable"));
    }

    @Test
    public void whenTheFirstLevelFailsTheSecondFences() throws Exception {
        zone.exec(0, "host:create kvm-3");
        String levels = zone.exec(0, "fence:levels --set 'bmc-dead; bmc-1' kvm-3");
        assertTrue(levels, levels.contains("bmc-dead") && levels.contains("bmc-1"));
        ZoneLocalException unknown = assertThrows(ZoneLocalException.class,
                () -> zone.exec(0, "fence:levels --set nosuch kvm-3"));
        assertTrue(unknown.output(), unknown.output().contains("no fencing device named 'nosuch'"));
        String off = zone.exec(0, "fence:off --force kvm-3");
        assertTrue(off, off.contains("FAILED unreachable"));
        assertTrue(off, off.contains("kvm-3: off confirmed OFF"));
        assertFalse(bmc.isOn());
        zone.exec(0, "fence:on kvm-3");
    }

    @Test
    public void aDriverBundleCanGoAndBeHotDeployedAgain() throws Exception {
        Path jar = zone.serverDir(0).resolve("system/org/zonekeeper/zonekeeper-fencing-ipmi/0.1.0-SNAPSHOT/"
                + "zonekeeper-fencing-ipmi-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            jar = Path.of(System.getProperty("zonekeeper.distribution")).resolve("system/org/zonekeeper/"
                    + "zonekeeper-fencing-ipmi/0.1.0-SNAPSHOT/zonekeeper-fencing-ipmi-0.1.0-SNAPSHOT.jar");
        }
        zone.exec(0, "bundle:uninstall org.zonekeeper.fencing-ipmi");
        Await.until(LIVE, "the device loses its driver", () -> zone.exec(0, "fence:device-list"),
                out -> out.contains("driver 'ipmi' is not installed"));
        Path deployed = zone.serverDir(0).resolve("deploy/zonekeeper-fencing-ipmi.jar");
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        Await.until(LIVE, "the hot-deployed driver serves the device", () -> zone.exec(0, "fence:check bmc-1"),
                out -> out.contains("bmc-1"));
        Files.delete(deployed);
        Await.until(LIVE, "the driver is gone again", () -> zone.exec(0, "fence:device-list"),
                out -> out.contains("driver 'ipmi' is not installed"));
        zone.exec(0, "feature:install zonekeeper-fencing");
        Await.until(LIVE, "the feature's driver is back", () -> zone.exec(0, "fence:device-list"),
                out -> !out.contains("not installed"));
    }

    @Test
    public void aPasswordKeyIsRefusedAndRemovedAndADeletedFileRemovesTheDevice() throws Exception {
        Path cfg = etc.resolve("org.zonekeeper.fencing.device-bmc-typo.cfg");
        HostLab.config(cfg, "driver = ipmi\naddress = 127.0.0.1\npassword = " + PASSWORD + "\n");
        Await.until(LIVE, "the password key removed from the file", () -> read(cfg), text -> !text.contains(PASSWORD));
        assertTrue(zone.exec(0, "fence:device-list").contains("bmc-typo"));
        assertFalse(zone.exec(0, "config:list").contains(PASSWORD));
        Files.delete(cfg);
        Await.until(LIVE, "the device gone", () -> zone.exec(0, "fence:device-list"), out -> !out.contains("bmc-typo"));
    }

    @Test
    public void theLogNeverHoldsThePassword() throws Exception {
        zone.exec(0, "fence:check bmc-1");
        try (Stream<Path> logs = Files.list(zone.serverDir(0).resolve("data/log"))) {
            for (Path log : logs.toList()) {
                assertFalse(log.toString(), Files.readString(log).contains(PASSWORD));
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
