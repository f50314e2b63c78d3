package org.zonekeeper.fencing.ilo.internal;

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
import org.zonekeeper.fencing.testkit.RedfishEmulator;
import org.zonekeeper.fencing.testkit.RibclEmulator;
import org.zonekeeper.fencing.testkit.SelfSignedCertificate;

/** The ilo driver against the RIBCL emulator (proven with fence_ilo) and, in redfish mode, the Redfish emulator. */
public class IloDriverTest {
    private static final String PASSWORD = "ilo\"pw&<1>";

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Chassis chassis = new Chassis();
    private SelfSignedCertificate certificate;
    private RibclEmulator ilo;
    private final IloDriver driver = new IloDriver();

    @Before
    public void start() throws Exception {
        certificate = SelfSignedCertificate.generate(dir.getRoot().toPath(), "ilo");
        ilo = new RibclEmulator(chassis, "Administrator", PASSWORD).start(certificate);
    }

    @After
    public void stop() throws Exception {
        ilo.close();
    }

    private FenceDevice device(int port, String password, String... options) throws Exception {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new FenceDevice("ilo-7", "ilo", "127.0.0.1", port, "Administrator", Secret.of(password), map,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ZERO, 0,
                new Verification(false, null, certificate.sha256(), null, null), Map.of());
    }

    private FenceDevice device() throws Exception {
        return device(ilo.port(), PASSWORD);
    }

    @Test
    public void statusOffOnRebootAreConfirmed() throws Exception {
        assertEquals(PowerState.ON, driver.status(device(), ""));
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertFalse(chassis.isOn());
        assertEquals(PowerState.ON, driver.on(device(), ""));
        assertTrue(chassis.isOn());
        assertEquals(PowerState.ON, driver.reboot(device(), ""));
        assertEquals(List.of("HOLD_PWR_BTN", "PRESS_PWR_BTN", "HOLD_PWR_BTN", "PRESS_PWR_BTN"), ilo.powerCommands());
        driver.check(device());
    }

    @Test
    public void offOnAHostAlreadyOffPressesNothing() throws Exception {
        chassis.setOn(false);
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertTrue(ilo.powerCommands().isEmpty());
    }

    @Test
    public void oldFirmwareUsesSetHostPower() throws Exception {
        assertEquals(PowerState.OFF, driver.off(device(ilo.port(), PASSWORD, "ribcl.power", "set-host-power"), ""));
        assertEquals(List.of("SET_HOST_POWER No"), ilo.powerCommands());
    }

    @Test
    public void aWrongPasswordIsAuthWithTheIlosMessage() throws Exception {
        FencingException e = assertThrows(FencingException.class, () -> driver.off(device(ilo.port(), "wrong"), ""));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals("ilo device ilo-7 (127.0.0.1:" + ilo.port() + "): login refused: Login credentials rejected.",
                e.getMessage());
        assertTrue(chassis.isOn());
    }

    @Test
    public void aBmcThatIsDownIsUnreachable() throws Exception {
        int port = ilo.port();
        ilo.stop();
        assertEquals(Kind.UNREACHABLE, assertThrows(FencingException.class,
                () -> driver.status(device(port, PASSWORD), "")).kind());
    }

    @Test
    public void aBmcThatNeverReachesOffIsATimeout() throws Exception {
        chassis.stuck(true);
        FencingException e = assertThrows(FencingException.class, () -> driver.off(device(), ""));
        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @Test
    public void anotherCertificateIsRefused() throws Exception {
        FenceDevice pinnedElsewhere = new FenceDevice("ilo-7", "ilo", "127.0.0.1", ilo.port(), "Administrator",
                Secret.of(PASSWORD), Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ZERO, 0,
                new Verification(false, null, "00".repeat(32), null, null), Map.of());
        FencingException e = assertThrows(FencingException.class, () -> driver.status(pinnedElsewhere, ""));
        assertTrue(e.getMessage(), e.getMessage().contains("TLS refused"));
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    public void redfishModeDrivesAnIlo5() throws Exception {
        Chassis ilo5 = new Chassis();
        try (RedfishEmulator redfish = new RedfishEmulator(Map.of("1", ilo5), "Administrator", PASSWORD)
                .start(certificate)) {
            FenceDevice device = device(redfish.port(), PASSWORD, "mode", "redfish");
            assertEquals(PowerState.OFF, driver.off(device, ""));
            assertFalse(ilo5.isOn());
            assertEquals(PowerState.ON, driver.on(device, ""));
        }
    }

    @Test
    public void badOptionsAreRefusedNamingTheKey() throws Exception {
        assertEquals("ilo device ilo-7: mode: 'ssh' is neither ribcl nor redfish", assertThrows(
                FencingException.class, () -> driver.validate(device(1, "x", "mode", "ssh"))).getMessage());
        assertTrue(assertThrows(FencingException.class, () -> driver.validate(device(1, "x", "system", "1")))
                .getMessage().contains("system: is not an ilo option in ribcl mode"));
        driver.validate(device(1, "x", "mode", "redfish", "system", "1"));
    }
}
