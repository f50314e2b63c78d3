package org.zonekeeper.fencing.redfish.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.redfish.RedfishClient;
import org.zonekeeper.fencing.testkit.Chassis;
import org.zonekeeper.fencing.testkit.FenceDeviceBuilder;
import org.zonekeeper.fencing.testkit.RedfishEmulator;
import org.zonekeeper.fencing.testkit.RedfishEmulator.AlreadyInState;
import org.zonekeeper.fencing.testkit.SelfSignedCertificate;
import org.zonekeeper.fencing.testkit.TeeOutputStream;

public class RedfishDriverTest {
    private static final String USER = "fence";
    private static final String PASSWORD = "Rf-pass-7731";
    private static final String WRONG_PASSWORD = "Rf-wrong-4409";

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();
    private static SelfSignedCertificate certificate;
    private static Verification pinned;

    private final RedfishDriver driver = new RedfishDriver();
    private final Chassis chassis = new Chassis();
    private final List<String> messages = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private RedfishEmulator bmc;

    @BeforeClass
    public static void makeCertificate() throws IOException, GeneralSecurityException {
        certificate = SelfSignedCertificate.generate(DIR.getRoot().toPath(), "redfish-bmc");
        pinned = new Verification(false, null, certificate.sha256(), null, null);
    }

    @Before
    public void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @After
    public void stopAndCheckNoSecretLeaked() {
        System.setErr(originalErr);
        if (bmc != null) {
            bmc.stop();
        }
        String text = log.toString(StandardCharsets.UTF_8) + String.join("\n", messages);
        assertFalse("a password reached the log or a message", text.contains(PASSWORD)
                || text.contains(WRONG_PASSWORD));
    }

    private FenceDeviceBuilder device(Map<String, Chassis> systems) throws IOException {
        bmc = new RedfishEmulator(systems, USER, PASSWORD).start(certificate);
        return new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned);
    }

    private FenceDeviceBuilder device() throws IOException {
        return device(Map.of("1", chassis));
    }

    private String where() {
        return "redfish device bmc-1 (127.0.0.1:" + bmc.port() + ")";
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws FencingException;
    }

    /** Runs a call that must fail with {@code kind}; returns its message (checked for secrets after the test). */
    private String fails(Kind kind, Call call) {
        try {
            Object result = call.run();
            fail("expected " + kind + " but got " + result);
            return null;
        } catch (FencingException e) {
            messages.add(e.getMessage());
            assertEquals(e.getMessage(), kind, e.kind());
            assertFalse("one line: " + e.getMessage(), e.getMessage().contains("\n"));
            return e.getMessage();
        }
    }

    @Test
    public void statusReadsOnAndOff() throws Exception {
        FenceDevice d = device().build();
        assertEquals(PowerState.ON, driver.status(d, ""));
        chassis.setOn(false);
        assertEquals(PowerState.OFF, driver.status(d, ""));
        assertEquals(0, chassis.powerCommands());
    }

    @Test
    public void offIsConfirmed() throws Exception {
        FenceDevice d = device().build();
        assertEquals(PowerState.OFF, driver.off(d, ""));
        assertFalse(chassis.isOn());
        assertEquals(List.of("ForceOff"), bmc.resets());
        RedfishEmulator.Request last = bmc.requests().get(bmc.requests().size() - 1);
        assertEquals("the last request is the status read that confirmed OFF", "GET", last.method());
    }

    @Test
    public void onIsConfirmed() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().build();
        assertEquals(PowerState.ON, driver.on(d, ""));
        assertTrue(chassis.isOn());
        assertEquals(List.of("On"), bmc.resets());
    }

    @Test
    public void rebootSendsForceRestartByDefault() throws Exception {
        FenceDevice d = device().build();
        assertEquals(PowerState.ON, driver.reboot(d, ""));
        assertEquals(List.of("ForceRestart"), bmc.resets());
        assertEquals(1, chassis.powerCommands());
    }

    @Test
    public void rebootOptionChoosesTheResetType() throws Exception {
        FenceDevice d = device().option("reboot", "PowerCycle").build();
        assertEquals(PowerState.ON, driver.reboot(d, ""));
        assertEquals(List.of("PowerCycle"), bmc.resets());
    }

    @Test
    public void rebootOfAnOffHostPowersItOn() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().build();
        assertEquals(PowerState.ON, driver.reboot(d, ""));
        assertEquals(List.of("On"), bmc.resets());
        assertTrue(chassis.isOn());
    }

    @Test
    public void alreadyOffSucceedsAndStaysOff() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().build();
        assertEquals(PowerState.OFF, driver.off(d, ""));
        assertFalse(chassis.isOn());
        assertEquals(0, chassis.powerCommands());
    }

    @Test
    public void alreadyOffRefusedWith409CountsWhenStateReadsOff() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().build();
        bmc.alreadyInState(AlreadyInState.CONFLICT);
        assertEquals(PowerState.OFF, driver.off(d, ""));
        assertTrue(bmc.requests().stream().anyMatch(r -> "ForceOff".equals(r.resetType()) && r.status() == 409));
        assertFalse(chassis.isOn());
    }

    @Test
    public void alreadyOnRefusedWith400CountsWhenStateReadsOn() throws Exception {
        FenceDevice d = device().build();
        bmc.alreadyInState(AlreadyInState.BAD_REQUEST);
        assertEquals(PowerState.ON, driver.on(d, ""));
        assertTrue(bmc.requests().stream().anyMatch(r -> "On".equals(r.resetType()) && r.status() == 400));
    }

    @Test
    public void refusalIsAFailureWhenTheStateDoesNotReadOff() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().retries(0).build();
        bmc.alreadyInState(AlreadyInState.CONFLICT).reportPowerState("On");
        String message = fails(Kind.PROTOCOL, () -> driver.off(d, ""));
        assertTrue(message, message.startsWith(where() + ": POST /redfish/v1/Systems/1/Actions/"
                + "ComputerSystem.Reset (ResetType ForceOff) answered HTTP 409: Server is already powered OFF."));
        assertTrue(message, message.endsWith("(yet power state reads ON)"));
    }

    @Test
    public void wrongPasswordIsAuthWithoutRetryOrPowerChange() throws Exception {
        FenceDevice d = device().password(WRONG_PASSWORD).build();
        String message = fails(Kind.AUTH, () -> driver.off(d, ""));
        assertEquals(where() + ": authentication refused (HTTP 401 on /redfish/v1/Systems; check username and "
                + "password)", message);
        assertTrue(chassis.isOn());
        assertEquals(0, chassis.powerCommands());
        assertEquals(1, bmc.requests().stream().filter(r -> r.status() == 401).count());
    }

    @Test
    public void bmcDownIsUnreachableNeverOff() throws Exception {
        FenceDevice d = device().build();
        bmc.stop();
        String status = fails(Kind.UNREACHABLE, () -> driver.status(d, ""));
        assertTrue(status, status.startsWith(where() + ": cannot connect"));
        fails(Kind.UNREACHABLE, () -> driver.off(d, "1"));
        fails(Kind.UNREACHABLE, () -> {
            driver.check(d);
            return "check passed";
        });
    }

    @Test
    public void stuckChassisIsATimeoutFailure() throws Exception {
        chassis.stuck(true);
        FenceDevice d = device().powerTimeout(Duration.ofSeconds(2)).build();
        String message = fails(Kind.TIMEOUT, () -> driver.off(d, ""));
        assertEquals(where() + ": power state did not read OFF within 2000 ms (power state still ON)", message);
        assertEquals(List.of("ForceOff"), bmc.resets());
        assertTrue(chassis.isOn());
    }

    @Test
    public void poweringOffIsUnknownNotOff() throws Exception {
        FenceDevice d = device().powerTimeout(Duration.ofSeconds(1)).build();
        bmc.reportPowerState("PoweringOff");
        assertEquals(PowerState.UNKNOWN, driver.status(d, ""));
        String message = fails(Kind.TIMEOUT, () -> driver.off(d, ""));
        assertTrue(message, message.endsWith("(power state still UNKNOWN)"));
        assertEquals(PowerState.UNKNOWN, RedfishClient.powerState(null));
        assertEquals(PowerState.UNKNOWN, RedfishClient.powerState("PoweringOn"));
    }

    @Test
    public void unansweredRequestIsTimeout() throws Exception {
        FenceDevice d = device().timeout(Duration.ofMillis(500)).retries(0).build();
        bmc.delayResponses(Duration.ofSeconds(3));
        String message = fails(Kind.TIMEOUT, () -> driver.status(d, "1"));
        assertEquals(where() + ": no answer to GET /redfish/v1/Systems/1 within 500 ms", message);
    }

    @Test
    public void checkLogsInWithoutTouchingPower() throws Exception {
        FenceDevice d = device().build();
        driver.check(d);
        assertEquals(0, chassis.powerCommands());
        assertTrue(bmc.resets().isEmpty());
        assertTrue(bmc.requests().stream().anyMatch(r -> r.path().equals("/redfish/v1/Systems/1")
                && r.status() == 200 && r.auth().equals("basic")));

        FenceDevice wrong = new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, WRONG_PASSWORD, pinned).build();
        String message = fails(Kind.AUTH, () -> {
            driver.check(wrong);
            return "check passed";
        });
        assertTrue(message, message.contains("authentication refused"));
    }

    @Test
    public void validateRefusesBadOptions() throws Exception {
        FenceDevice base = device().build();
        driver.validate(base);
        driver.validate(new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("system", "System.Embedded.1")
                .option("reboot", "GracefulRestart").build());
        driver.validate(new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("system", "/redfish/v1/Systems/1")
                .build());
        String unknown = fails(Kind.CONFIG, () -> {
            driver.validate(new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("cipher", "3").build());
            return "valid";
        });
        assertEquals("redfish device bmc-1: unknown option 'cipher' (known: reboot, system)", unknown);
        String reboot = fails(Kind.CONFIG, () -> {
            driver.validate(new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("reboot", "Nmi").build());
            return "valid";
        });
        assertTrue(reboot, reboot.contains("option reboot='Nmi'"));
        String system = fails(Kind.CONFIG, () -> {
            driver.validate(new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("system", "a b").build());
            return "valid";
        });
        assertTrue(system, system.contains("option system='a b'"));
    }

    @Test
    public void twoSystemsNeedAPlugOrTheSystemOption() throws Exception {
        Chassis second = new Chassis();
        Map<String, Chassis> systems = new LinkedHashMap<>();
        systems.put("1", chassis);
        systems.put("2", second);
        FenceDevice d = device(systems).build();

        String message = fails(Kind.CONFIG, () -> driver.off(d, ""));
        assertEquals(where() + ": the service has 2 systems (/redfish/v1/Systems/1, /redfish/v1/Systems/2): map "
                + "the host to one (host.map HOST:ID) or set the system option", message);
        assertEquals(0, chassis.powerCommands() + second.powerCommands());

        assertEquals(PowerState.OFF, driver.off(d, "2"));
        assertFalse(second.isOn());
        assertTrue(chassis.isOn());

        FenceDevice first = new FenceDeviceBuilder("redfish", "bmc-1", bmc.port(), USER, PASSWORD, pinned).option("system", "/redfish/v1/Systems/1")
                .build();
        assertEquals(PowerState.ON, driver.status(first, ""));
        driver.check(d);
    }

    @Test
    public void http500OnResetIsProtocolWithTheRedfishMessage() throws Exception {
        FenceDevice d = device().build();
        bmc.failResets(500);
        String message = fails(Kind.PROTOCOL, () -> driver.off(d, ""));
        assertEquals(where() + ": POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset (ResetType ForceOff) "
                + "answered HTTP 500: The request failed due to an internal service error. The service is still "
                + "operational.", message);
        assertTrue(chassis.isOn());
    }

    @Test
    public void resetTypeTheSystemDoesNotOfferIsUnsupported() throws Exception {
        FenceDevice d = device().build();
        bmc.allowableResetTypes("On", "ForceRestart");
        String message = fails(Kind.UNSUPPORTED, () -> driver.off(d, ""));
        assertTrue(message, message.contains("does not offer ResetType ForceOff (it offers On, ForceRestart)"));
        assertTrue(bmc.resets().isEmpty());
    }

    @Test
    public void pinnedFingerprintWithColonsIsAccepted() throws Exception {
        String hex = certificate.sha256().toUpperCase();
        String colons = String.join(":", hex.split("(?<=\\G..)"));
        FenceDevice d = device().verification(new Verification(false, null, colons, null, null)).build();
        assertEquals(PowerState.ON, driver.status(d, ""));
    }

    @Test
    public void wrongPinnedFingerprintIsRefusedNotOff() throws Exception {
        chassis.setOn(false);
        FenceDevice d = device().verification(new Verification(false, null, "ab".repeat(32), null, null)).build();
        String message = fails(Kind.AUTH, () -> driver.status(d, ""));
        assertTrue(message, message.startsWith(where() + ": TLS certificate refused (certificate SHA-256 "
                + certificate.sha256() + " is not the pinned " + "ab".repeat(32)));
        assertTrue(message, message.endsWith("check tls.fingerprint"));
        fails(Kind.AUTH, () -> driver.off(d, ""));
        assertTrue("nothing reached the BMC's HTTP layer", bmc.requests().isEmpty());
    }

    @Test
    public void caFileIsTrusted() throws Exception {
        Path pem = certificate.writePem(DIR.getRoot().toPath().resolve("bmc-ca.pem"));
        FenceDevice d = device().verification(new Verification(false, pem, null, null, null)).build();
        assertEquals(PowerState.ON, driver.status(d, ""));
        driver.check(d);
    }

    @Test
    public void defaultTrustStoreRefusesTheSelfSignedCertificate() throws Exception {
        FenceDevice d = device().verification(Verification.defaults()).build();
        String message = fails(Kind.AUTH, () -> driver.status(d, ""));
        assertTrue(message, message.startsWith(where() + ": TLS certificate refused ("));
        assertTrue(message, message.endsWith("set tls.ca to the PEM file of the CA that signed the BMC's "
                + "certificate, or tls.fingerprint to the certificate's SHA-256"));
        assertTrue(bmc.requests().isEmpty());
    }

    @Test
    public void insecureAcceptsAnyCertificateWithAWarning() throws Exception {
        FenceDevice d = device().verification(new Verification(true, null, null, null, null)).build();
        assertEquals(PowerState.ON, driver.status(d, ""));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("not checked (tls.insecure=true)"));
    }

    /** Writes to the real stderr and keeps a copy. */
}
