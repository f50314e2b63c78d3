package org.zonekeeper.fencing.ipmi.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
import org.zonekeeper.fencing.testkit.IpmiSim;

/** The ipmi driver against a real ipmi_sim BMC. */
public class IpmiDriverTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private IpmiSim bmc;
    private final IpmiDriver driver = new IpmiDriver();

    @Before
    public void start() throws IOException {
        bmc = IpmiSim.start(dir.getRoot().toPath().resolve("bmc"), "fence", "Ipmi-pw-7");
    }

    @After
    public void stop() {
        bmc.close();
    }

    private FenceDevice device(String password, Map<String, String> options) {
        return new FenceDevice("bmc-7", "ipmi", "127.0.0.1", bmc.port(), "fence", Secret.of(password), options,
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ZERO, 0, Verification.defaults(), Map.of());
    }

    private FenceDevice device() {
        return device(bmc.password(), Map.of());
    }

    @Test
    public void statusReadsThePower() throws Exception {
        assertEquals(PowerState.ON, driver.status(device(), ""));
        bmc.setOn(false);
        assertEquals(PowerState.OFF, driver.status(device(), ""));
    }

    @Test
    public void offIsConfirmedAndTheHostActionRan() throws Exception {
        Path killed = dir.getRoot().toPath().resolve("killed");
        bmc.whenOff("touch '" + killed + "'");
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertFalse(bmc.isOn());
        assertTrue(Files.exists(killed));
    }

    @Test
    public void onAndRebootEndOn() throws Exception {
        bmc.setOn(false);
        assertEquals(PowerState.ON, driver.on(device(), ""));
        assertTrue(bmc.isOn());
        assertEquals(PowerState.ON, driver.reboot(device(), ""));
        assertEquals(List.of("1", "0", "1"), bmc.powerCommands());
        assertEquals(PowerState.ON, driver.reboot(device(bmc.password(), Map.of("method", "cycle")), ""));
        assertTrue(bmc.isOn());
    }

    @Test
    public void offOnAHostAlreadyOffSucceedsAndStaysOff() throws Exception {
        bmc.setOn(false);
        assertEquals(PowerState.OFF, driver.off(device(), ""));
        assertFalse(bmc.isOn());
    }

    @Test
    public void theDefaultCipherListFallsBackFrom17To3() throws Exception {
        assertEquals(PowerState.ON, driver.status(device(bmc.password(), Map.of("cipher", "17,3")), ""));
        FencingException e = assertThrows(FencingException.class,
                () -> driver.status(device(bmc.password(), Map.of("cipher", "17")), ""));
        assertEquals(Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("no cipher suite of [17] accepted"));
    }

    @Test
    public void aWrongPasswordIsAuthAndNamesTheDevice() throws Exception {
        FencingException e = assertThrows(FencingException.class, () -> driver.off(device("wrong-pw", Map.of()), ""));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals("ipmi device bmc-7 (127.0.0.1:" + bmc.port() + "): login refused (check username, password file"
                + " and privilege)", e.getMessage());
        assertTrue(bmc.isOn());
        assertThrows(FencingException.class, () -> driver.check(device("wrong-pw", Map.of())));
    }

    @Test
    public void aBmcThatIsDownIsUnreachableNeverOff() throws Exception {
        bmc.stop();
        FencingException e = assertThrows(FencingException.class, () -> driver.off(device(), ""));
        assertEquals(Kind.UNREACHABLE, e.kind());
    }

    @Test
    public void aBmcThatNeverReachesOffIsATimeout() throws Exception {
        bmc.stuck(true);
        FencingException e = assertThrows(FencingException.class, () -> driver.off(device(), ""));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("still ON"));
    }

    @Test
    public void checkLogsInWithoutTouchingPower() throws Exception {
        driver.check(device());
        assertTrue(bmc.powerCommands().isEmpty());
    }

    @Test
    public void badOptionsAreRefusedNamingTheKey() {
        assertEquals("ipmi device bmc-7: privilege: 'ROOT' is not ADMINISTRATOR, OPERATOR or USER",
                assertThrows(FencingException.class, () -> driver.validate(device("x", Map.of("privilege", "root"))))
                        .getMessage());
        assertTrue(assertThrows(FencingException.class, () -> driver.validate(device("x", Map.of("lanplus", "1"))))
                .getMessage().contains("lanplus: is not an ipmi option"));
        assertEquals(Kind.CONFIG, assertThrows(FencingException.class,
                () -> driver.validate(device("x", Map.of("cipher", "3,x")))).kind());
    }

    @Test
    public void thePasswordNeverReachesACommandLineOrAMessage() throws Exception {
        bmc.stop();
        String secret = "Ipmi-pw-7";
        CompletableFuture<FencingException> call = CompletableFuture.supplyAsync(() -> {
            try {
                driver.status(device(), "");
                return null;
            } catch (FencingException e) {
                return e;
            }
        });
        int scanned = 0;
        while (!call.isDone()) {
            for (Path cmdline : Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                try {
                    String args = Files.readString(cmdline.resolve("cmdline")).replace('\0', ' ');
                    if (args.contains("ipmitool")) {
                        scanned++;
                        assertFalse(args, args.contains(secret));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
            Thread.sleep(20);
        }
        assertTrue("an ipmitool process was seen", scanned > 0);
        assertFalse(call.get().getMessage().contains(secret));
    }

    @Test
    public void optionsParseWithDefaults() throws Exception {
        IpmiOptions o = IpmiOptions.of(device(bmc.password(), new HashMap<>()));
        assertEquals(List.of(17, 3), o.ciphers());
        assertEquals("ADMINISTRATOR", o.privilege());
        assertFalse(o.cycle());
    }
}
