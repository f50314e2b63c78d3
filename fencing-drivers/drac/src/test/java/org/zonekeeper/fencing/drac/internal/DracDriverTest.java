package org.zonekeeper.fencing.drac.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.testkit.Chassis;
import org.zonekeeper.fencing.testkit.FenceDeviceBuilder;
import org.zonekeeper.fencing.testkit.RacadmEmulator;
import org.zonekeeper.fencing.testkit.RacadmEmulator.Flavour;
import org.zonekeeper.fencing.testkit.RedfishEmulator;
import org.zonekeeper.fencing.testkit.SelfSignedCertificate;
import org.zonekeeper.fencing.testkit.TeeOutputStream;

/** The drac driver against the racadm emulator (proven with fence_drac5) and, in redfish mode, the Redfish one. */
public class DracDriverTest {
    private static final String USER = "root";
    private static final String PASSWORD = "Drac-pw-5521";
    private static final String WRONG_PASSWORD = "Drac-wrong-8830";

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Chassis server = new Chassis();
    private final List<String> messages = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private final List<RacadmEmulator> emulators = new ArrayList<>();
    private DracDriver driver;
    private RacadmEmulator drac;

    @Before
    public void start() {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true, StandardCharsets.UTF_8));
        driver = new DracDriver();
    }

    @After
    public void stopAndCheckNoSecretLeaked() {
        driver.deactivate();
        emulators.forEach(RacadmEmulator::stop);
        System.setErr(originalErr);
        String text = log.toString(StandardCharsets.UTF_8) + String.join("\n", messages);
        assertFalse("a password reached the log or a message", text.contains(PASSWORD)
                || text.contains(WRONG_PASSWORD));
    }

    /** Starts {@code emulator} as the DRAC under test and returns a device for it. */
    private FenceDeviceBuilder start(RacadmEmulator emulator) throws IOException {
        emulators.add(emulator.start());
        drac = emulator;
        return device();
    }

    /** A device for the DRAC under test (an iDRAC serving {@link #server}, started on first use). */
    private FenceDeviceBuilder device() throws IOException {
        if (drac == null) {
            return start(RacadmEmulator.of(Flavour.IDRAC, server, USER, PASSWORD));
        }
        return new FenceDeviceBuilder("drac", "drac-7", drac.port(), USER, PASSWORD, pinned(drac.hostKeyFingerprint()));
    }

    private RacadmEmulator other() throws IOException {
        RacadmEmulator other = RacadmEmulator.of(Flavour.IDRAC, new Chassis(), USER, "other-pw").start();
        emulators.add(other);
        return other;
    }

    private String where() {
        return "drac device drac-7 (127.0.0.1:" + drac.port() + ")";
    }

    @FunctionalInterface
    private interface Call {
        void run() throws FencingException;
    }

    /** Runs a call that must fail with {@code kind}; returns its message (checked for secrets after the test). */
    private String fails(Kind kind, Call call) {
        try {
            call.run();
            fail("expected " + kind);
            return null;
        } catch (FencingException e) {
            messages.add(e.getMessage());
            assertEquals(e.getMessage(), kind, e.kind());
            assertFalse("one line: " + e.getMessage(), e.getMessage().contains("\n"));
            return e.getMessage();
        }
    }

    @Test
    public void statusReadsThePower() throws Exception {
        FenceDeviceBuilder d = device();
        assertEquals(PowerState.ON, driver.status(d.build(), ""));
        server.setOn(false);
        assertEquals(PowerState.OFF, driver.status(d.build(), ""));
        assertEquals(List.of("racadm serveraction powerstatus", "racadm serveraction powerstatus"), drac.commands());
    }

    @Test
    public void offIsConfirmedAndTheHostActionRan() throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        server.whenOff(() -> killed.set(true));
        FenceDeviceBuilder d = device();
        assertEquals(PowerState.OFF, driver.off(d.build(), ""));
        assertFalse(server.isOn());
        assertTrue(killed.get());
        assertEquals(List.of("racadm serveraction powerstatus", "racadm serveraction powerdown",
                "racadm serveraction powerstatus"), drac.commands());
    }

    @Test
    public void onAndRebootEndOn() throws Exception {
        server.setOn(false);
        FenceDeviceBuilder d = device();
        assertEquals(PowerState.ON, driver.on(d.build(), ""));
        assertTrue(server.isOn());
        assertEquals(PowerState.ON, driver.reboot(d.build(), ""));
        assertTrue(server.isOn());
        assertEquals(List.of("racadm serveraction powerup", "racadm serveraction powerdown",
                "racadm serveraction powerup"), powerActions());
        assertEquals(3, server.powerCommands());
    }

    @Test
    public void rebootByHardresetOrPowercycleIsOneCommand() throws Exception {
        FenceDeviceBuilder d = device();
        assertEquals(PowerState.ON, driver.reboot(d.option("method", "hardreset").build(), ""));
        assertEquals(PowerState.ON, driver.reboot(d.option("method", "powercycle").build(), ""));
        assertEquals(List.of("racadm serveraction hardreset", "racadm serveraction powercycle"), powerActions());
        assertTrue(server.isOn());
        server.setOn(false);
        assertEquals(PowerState.ON, driver.reboot(d.build(), ""));
        assertEquals("a server that is off is powered up, not reset", "racadm serveraction powerup",
                powerActions().get(2));
    }

    @Test
    public void offOnAHostAlreadyOffSucceedsAndStaysOff() throws Exception {
        server.setOn(false);
        FenceDeviceBuilder d = device();
        assertEquals(PowerState.OFF, driver.off(d.build(), ""));
        assertFalse(server.isOn());
        assertEquals(0, server.powerCommands());
        assertTrue(powerActions().isEmpty());
    }

    @Test
    public void aWrongPasswordIsAuthAndNamesTheDevice() throws Exception {
        FenceDeviceBuilder d = device().password(WRONG_PASSWORD);
        String message = fails(Kind.AUTH, () -> driver.off(d.build(), ""));
        assertEquals(where() + ": login refused (check username and password)", message);
        assertEquals("a refused password is not retried", 1, drac.failedLogins());
        assertTrue(server.isOn());
        assertTrue(drac.commands().isEmpty());
        fails(Kind.AUTH, () -> driver.check(d.build()));
    }

    @Test
    public void aDracThatIsDownIsUnreachableNeverOff() throws Exception {
        FenceDeviceBuilder d = device().retries(0);
        drac.stop();
        String message = fails(Kind.UNREACHABLE, () -> driver.off(d.build(), ""));
        assertTrue(message, message.startsWith(where() + ": cannot connect"));
        fails(Kind.UNREACHABLE, () -> driver.status(d.build(), ""));
    }

    @Test
    public void aDracThatNeverReachesOffIsATimeout() throws Exception {
        server.stuck(true);
        FenceDeviceBuilder d = device().powerTimeout(Duration.ofSeconds(2));
        String message = fails(Kind.TIMEOUT, () -> driver.off(d.build(), ""));
        assertTrue(message, message.startsWith(where() + ": power state did not read OFF"));
        assertTrue(message, message.contains("still ON"));
        assertTrue(server.isOn());
        assertEquals(1, server.powerCommands());
    }

    @Test
    public void aDracThatNeverAnswersIsATimeout() throws Exception {
        FenceDeviceBuilder d = device().timeout(Duration.ofSeconds(1)).retries(0);
        drac.hang(true);
        String message = fails(Kind.TIMEOUT, () -> driver.status(d.build(), ""));
        assertEquals(where() + ": 'racadm serveraction powerstatus' gave no answer within 1000 ms", message);
    }

    @Test
    public void checkLogsInWithoutTouchingPower() throws Exception {
        FenceDeviceBuilder d = device();
        driver.check(d.build());
        assertEquals(List.of("racadm serveraction powerstatus"), drac.commands());
        assertEquals(0, server.powerCommands());
        fails(Kind.AUTH, () -> driver.check(d.password(WRONG_PASSWORD).build()));
    }

    @Test
    public void badOptionsAreRefusedNamingTheKey() throws Exception {
        FenceDeviceBuilder d = device().option("cipher", "3");
        assertEquals("drac device drac-7: cipher: is not a drac option in racadm mode (method, mode, module)",
                fails(Kind.CONFIG, () -> driver.validate(d.build())));
        FenceDeviceBuilder e = device().option("mode", "ipmi");
        assertEquals("drac device drac-7: mode: 'ipmi' is neither racadm nor redfish",
                fails(Kind.CONFIG, () -> driver.validate(e.build())));
        FenceDeviceBuilder method = device().option("method", "cycle");
        assertTrue(fails(Kind.CONFIG, () -> driver.status(method.build(), ""))
                .contains("method: 'cycle' is not onoff, powercycle or hardreset"));
        FenceDeviceBuilder module = device().option("module", "server 1;reboot");
        assertTrue(fails(Kind.CONFIG, () -> driver.status(module.build(), ""))
                .contains("module: 'server 1;reboot' is not a module name"));
        FenceDeviceBuilder plain = device();
        assertTrue(fails(Kind.CONFIG, () -> driver.off(plain.build(), "server-1; racadm racreset"))
                .contains("plug 'server-1; racadm racreset' is not a CMC module name"));
        FenceDeviceBuilder f = device().option("mode", "redfish").option("module", "server-1");
        assertTrue(fails(Kind.CONFIG, () -> driver.validate(f.build()))
                .contains("module: is not a drac option in redfish mode (mode, reboot, system)"));
        assertTrue(drac.commands().isEmpty());
    }

    @Test
    public void withoutAHostKeyToCheckNothingIsContacted() throws Exception {
        FenceDeviceBuilder d = device().verification(Verification.defaults());
        String message = fails(Kind.CONFIG, () -> driver.validate(d.build()));
        assertEquals("drac device drac-7: no SSH host key to check the DRAC against: set ssh.host-key (SHA256:... "
                + "as ssh-keygen -l prints it) or ssh.known-hosts", message);
        assertEquals(message, fails(Kind.CONFIG, () -> driver.off(d.build(), "")));
        assertTrue(fails(Kind.CONFIG, () -> driver.status(d.verification(pinned("AA:BB:CC")).build(), ""))
                .contains("ssh.host-key: 'AA:BB:CC' is not a SHA256:... fingerprint"));
        assertTrue(drac.commands().isEmpty());
        assertEquals(0, drac.failedLogins());
    }

    @Test
    public void aPinnedKeyThatDiffersIsRefusedBeforeThePasswordIsSent() throws Exception {
        FenceDeviceBuilder d = device();
        RacadmEmulator impostor = other();
        String message = fails(Kind.CONFIG, () -> driver.off(d.verification(
                pinned(impostor.hostKeyFingerprint())).build(), ""));
        assertEquals("host key of " + where() + " is " + drac.hostKeyFingerprint() + ", expected "
                + impostor.hostKeyFingerprint() + " (ssh.host-key)", message);
        assertEquals(0, drac.failedLogins());
        assertTrue(drac.commands().isEmpty());
        assertTrue(server.isOn());
    }

    @Test
    public void aPinAsSshKeygenPrintsItIsAccepted() throws Exception {
        FenceDeviceBuilder d = device();
        String keygenLine = "256 " + drac.hostKeyFingerprint() + " [127.0.0.1]:" + drac.port() + " (ECDSA)";
        assertEquals(PowerState.ON, driver.status(d.verification(pinned(keygenLine)).build(), ""));
    }

    @Test
    public void aKnownHostsFileIsChecked() throws Exception {
        FenceDeviceBuilder d = device();
        Path good = drac.writeKnownHosts(dir.getRoot().toPath().resolve("known_hosts"));
        assertEquals(PowerState.ON, driver.status(d.verification(knownHosts(good)).build(), ""));

        RacadmEmulator other = other();
        String otherKey = other.knownHostsLine().substring(other.knownHostsLine().indexOf(' '));
        Path changed = Files.writeString(dir.getRoot().toPath().resolve("changed"), "[127.0.0.1]:" + drac.port()
                + otherKey + "\n");
        String message = fails(Kind.CONFIG, () -> driver.status(d.verification(knownHosts(changed)).build(), ""));
        assertEquals("host key of " + where() + " is " + drac.hostKeyFingerprint() + ", expected "
                + other.hostKeyFingerprint() + " (" + changed + ")", message);

        Path unrelated = other.writeKnownHosts(dir.getRoot().toPath().resolve("unrelated"));
        message = fails(Kind.CONFIG, () -> driver.status(d.verification(knownHosts(unrelated)).build(), ""));
        assertEquals("host key of " + where() + " (" + drac.hostKeyFingerprint() + ") is not in " + unrelated
                + " (ssh.known-hosts)", message);
        assertEquals(1, drac.commands().size());
        assertEquals(0, drac.failedLogins());
    }

    @Test
    public void insecureSkipsTheCheckButWarnsEachTime() throws Exception {
        FenceDeviceBuilder d = device().verification(new Verification(true, null, null, null, null));
        assertEquals(PowerState.ON, driver.status(d.build(), ""));
        assertEquals(PowerState.ON, driver.status(d.build(), ""));
        String text = log.toString(StandardCharsets.UTF_8);
        String warning = "drac device drac-7: SSH host key " + drac.hostKeyFingerprint() + " of " + where()
                + " not checked (tls.insecure=true)";
        assertEquals(text, 2, text.split(java.util.regex.Pattern.quote(warning), -1).length - 1);
    }

    @Test
    public void aCmcModuleIsThePlugOrTheModuleOption() throws Exception {
        Chassis blade1 = new Chassis();
        Map<String, Chassis> modules = new LinkedHashMap<>();
        modules.put("server-1", blade1);
        modules.put("server-2", server);
        FenceDeviceBuilder d = start(RacadmEmulator.cmc(modules, USER, PASSWORD)).host("web-1", "server-2");

        assertEquals(PowerState.OFF, driver.off(d.build(), "server-2"));
        assertFalse(server.isOn());
        assertTrue(blade1.isOn());
        assertTrue(drac.commands().contains("racadm serveraction -m server-2 powerdown"));

        driver.check(d.build());
        assertEquals("check reads the first mapped module", "racadm serveraction -m server-2 powerstatus",
                drac.commands().get(drac.commands().size() - 1));

        assertEquals(PowerState.OFF, driver.off(device().option("module", "server-1").build(), ""));
        assertFalse(blade1.isOn());
        assertTrue(drac.commands().contains("racadm serveraction -m server-1 powerdown"));

        FenceDeviceBuilder once = device().retries(0);
        assertEquals(where() + ": 'racadm serveraction powerstatus' answered 'ERROR: The -m option is required: "
                + "specify a server module (for example -m server-1).'",
                fails(Kind.PROTOCOL, () -> driver.status(once.build(), "")));
        assertTrue(fails(Kind.PROTOCOL, () -> driver.status(once.build(), "server-9"))
                .contains("answered 'ERROR: Invalid module: server-9'"));
    }

    @Test
    public void redfishModeDrivesAnIdracThroughTheRedfishClient() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(dir.getRoot().toPath(), "idrac");
        RedfishEmulator idrac = new RedfishEmulator(Map.of("System.Embedded.1", server), USER, PASSWORD)
                .start(certificate);
        try {
            FenceDeviceBuilder d = new FenceDeviceBuilder("drac", "drac-7", idrac.port(), USER, PASSWORD,
                    new Verification(false, null, certificate.sha256(), null, null)).option("mode", "redfish");
            driver.validate(d.build());
            assertEquals(PowerState.ON, driver.status(d.build(), ""));
            assertEquals(PowerState.OFF, driver.off(d.build(), ""));
            assertFalse(server.isOn());
            assertEquals(List.of("ForceOff"), idrac.resets());
            String message = fails(Kind.AUTH, () -> driver.on(d.password(WRONG_PASSWORD).build(), ""));
            assertTrue(message, message.startsWith("drac device drac-7 (127.0.0.1:" + idrac.port() + ")"));
        } finally {
            idrac.stop();
        }
    }

    @Test
    public void deactivateStopsTheSshClient() throws Exception {
        FenceDeviceBuilder d = device();
        driver.status(d.build(), "");
        assertTrue(sshClientThreads() > 0);
        driver.deactivate();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sshClientThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, sshClientThreads());
        driver = new DracDriver();
    }

    private static long sshClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("SshClient")).count();
    }

    private List<String> powerActions() {
        return drac.commands().stream().filter(c -> !c.endsWith("powerstatus")).toList();
    }

    private static Verification knownHosts(Path file) {
        return new Verification(false, null, null, null, file);
    }

    private static Verification pinned(String sshHostKey) {
        return new Verification(false, null, null, sshHostKey, null);
    }
}
