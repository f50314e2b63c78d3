package org.zonekeeper.fencing.drac.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.testkit.Chassis;
import org.zonekeeper.fencing.testkit.RacadmEmulator;
import org.zonekeeper.fencing.testkit.RedfishEmulator;
import org.zonekeeper.fencing.testkit.SelfSignedCertificate;

/** The drac driver against the racadm emulator (proven with fence_drac5) and, in redfish mode, the Redfish one. */
public class DracDriverTest {
    private static final String PASSWORD = "calvin-9";

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Chassis server = new Chassis();
    private final Chassis blade = new Chassis();
    private RacadmEmulator drac;
    private final DracDriver driver = new DracDriver();

    @Before
    public void start() throws Exception {
        drac = new RacadmEmulator(Map.of("", server, "server-2", blade), "root", PASSWORD)
                .start(dir.getRoot().toPath().resolve("hostkey.ser"));
    }

    @After
    public void stop() throws Exception {
        drac.close();
    }

    private FenceDevice device(int port, String password, Verification verification, String... options) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new FenceDevice("drac-7", "drac", "127.0.0.1", port, "root", Secret.of(password), map,
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ZERO, 0, verification, Map.of());
    }

    private FenceDevice device(String... options) throws Exception {
        return device(drac.port(), PASSWORD, pinned(drac.hostKeyFingerprint()), options);
    }

    private static Verification pinned(String fingerprint) {
        return new Verification(false, null, null, fingerprint, null);
    }

    @Test
    public void statusOffOnRebootAreConfirmed() throws Exception {
        assertEquals(PowerState.ON, driver.status(device(), ""));
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertFalse(server.isOn());
        assertEquals(PowerState.ON, driver.on(device(), ""));
        assertEquals(PowerState.ON, driver.reboot(device(), ""));
        assertEquals(List.of("powerdown", "powerup", "powerdown", "powerup"), drac.powerCommands());
        driver.check(device());
    }

    @Test
    public void offOnAHostAlreadyOffSendsNothing() throws Exception {
        server.setOn(false);
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertTrue(drac.powerCommands().isEmpty());
    }

    @Test
    public void aCmcBladeIsTheHostsPlug() throws Exception {
        assertEquals(PowerState.OFF, driver.off(device(), "server-2"));
        assertFalse(blade.isOn());
        assertTrue(server.isOn());
        assertEquals(List.of("powerdown -m server-2"), drac.powerCommands());
    }

    @Test
    public void aWrongPasswordIsAuth() throws Exception {
        FencingException e = assertThrows(FencingException.class,
                () -> driver.off(device(drac.port(), "wrong", pinned(drac.hostKeyFingerprint())), ""));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals("drac device drac-7 (127.0.0.1:" + drac.port() + "): login refused (check username and password"
                + " file)", e.getMessage());
        assertTrue(server.isOn());
    }

    @Test
    public void anotherHostKeyIsRefusedSayingBoth() throws Exception {
        String wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        FencingException e = assertThrows(FencingException.class,
                () -> driver.off(device(drac.port(), PASSWORD, pinned(wrong)), ""));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("host key is " + drac.hostKeyFingerprint() + ", expected "
                + wrong));
        assertTrue(server.isOn());
        assertEquals(Kind.CONFIG, assertThrows(FencingException.class,
                () -> driver.status(device(drac.port(), PASSWORD, Verification.defaults()), "")).kind());
    }

    @Test
    public void aBmcThatIsDownIsUnreachable() throws Exception {
        int port = drac.port();
        String key = drac.hostKeyFingerprint();
        drac.stop();
        assertEquals(Kind.UNREACHABLE, assertThrows(FencingException.class,
                () -> driver.status(device(port, PASSWORD, pinned(key)), "")).kind());
    }

    @Test
    public void aBmcThatNeverReachesOffIsATimeout() throws Exception {
        server.stuck(true);
        assertEquals(Kind.TIMEOUT, assertThrows(FencingException.class, () -> driver.off(device(), "")).kind());
    }

    @Test
    public void redfishModeDrivesAnIdrac9() throws Exception {
        Chassis idrac = new Chassis();
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir.getRoot().toPath(), "idrac");
        try (RedfishEmulator redfish = new RedfishEmulator(Map.of("System.Embedded.1", idrac), "root", PASSWORD)
                .start(cert)) {
            FenceDevice d = device(redfish.port(), PASSWORD, new Verification(false, null, cert.sha256(), null, null),
                    "mode", "redfish");
            assertEquals(PowerState.OFF, driver.off(d, ""));
            assertFalse(idrac.isOn());
        }
    }

    @Test
    public void badOptionsAreRefusedNamingTheKey() throws Exception {
        assertEquals("drac device drac-7: mode: 'telnet' is neither racadm nor redfish", assertThrows(
                FencingException.class, () -> driver.validate(device("mode", "telnet"))).getMessage());
        assertTrue(assertThrows(FencingException.class, () -> driver.validate(device("module", "server 1")))
                .getMessage().contains("module: 'server 1' is not a module name"));
    }
}
