package org.zonekeeper.fencing.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Processes;

/** Proves {@link RedfishEmulator} with Debian's real fence_redfish (fence-agents), which speaks HTTP Basic. */
public class RedfishEmulatorTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "redfish-s3cret";

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    private static SelfSignedCertificate certificate;
    private static Path agent;

    private final Chassis chassis = new Chassis();
    private RedfishEmulator bmc;

    @BeforeClass
    public static void makeCertificate() throws IOException {
        agent = Processes.require("fence_redfish", "fence-agents");
        certificate = SelfSignedCertificate.generate(DIR.getRoot().toPath(), "redfish-bmc");
    }

    @After
    public void stopBmc() {
        if (bmc != null) {
            bmc.stop();
        }
    }

    private RedfishEmulator start(Map<String, Chassis> systems) throws IOException {
        bmc = new RedfishEmulator(systems, USER, PASSWORD).start(certificate);
        return bmc;
    }

    @Test
    public void statusReadsOnAndOffWithExitCodes0And2() throws Exception {
        start(Map.of("1", chassis));
        Agent on = fenceRedfish("status", PASSWORD, "/redfish/v1/Systems/1");
        assertEquals(on.output, 0, on.exitCode);
        assertTrue(on.output, on.output.contains("Status: ON"));

        chassis.setOn(false);
        Agent off = fenceRedfish("status", PASSWORD, "/redfish/v1/Systems/1");
        assertEquals(off.output, 2, off.exitCode);
        assertTrue(off.output, off.output.contains("Status: OFF"));
        assertTrue(bmc.requests().stream().allMatch(r -> r.auth().equals("basic") && r.status() == 200));
    }

    @Test
    public void offSendsForceOffAndOnSendsOn() throws Exception {
        start(Map.of("1", chassis));
        Agent off = fenceRedfish("off", PASSWORD, "/redfish/v1/Systems/1");
        assertEquals(off.output, 0, off.exitCode);
        assertFalse(chassis.isOn());

        Agent on = fenceRedfish("on", PASSWORD, "/redfish/v1/Systems/1");
        assertEquals(on.output, 0, on.exitCode);
        assertTrue(chassis.isOn());
        assertEquals(List.of("ForceOff", "On"), bmc.resets());
        assertEquals(2, chassis.powerCommands());
    }

    @Test
    public void agentFindsTheSystemThroughServiceRootAndCollection() throws Exception {
        start(Map.of("System.Embedded.1", chassis));
        chassis.setOn(false);
        Agent status = fenceRedfish("status", PASSWORD, null);
        assertEquals(status.output, 2, status.exitCode);
        assertEquals(List.of("/redfish/v1", "/redfish/v1/Systems", "/redfish/v1/Systems/System.Embedded.1"),
                bmc.requests().stream().map(RedfishEmulator.Request::path).distinct().toList());
    }

    @Test
    public void wrongPasswordMakesTheAgentFailWithoutPowerChange() throws Exception {
        start(Map.of("1", chassis));
        Agent off = fenceRedfish("off", "wrong-password", "/redfish/v1/Systems/1");
        assertNotEquals(off.output, 0, off.exitCode);
        assertNotEquals(off.output, 2, off.exitCode);
        assertTrue(chassis.isOn());
        assertEquals(0, chassis.powerCommands());
        assertTrue(bmc.requests().stream().allMatch(r -> r.status() == 401));
    }

    @Test
    public void stuckChassisMakesTheAgentGiveUp() throws Exception {
        start(Map.of("1", chassis.stuck(true)));
        Agent off = fenceRedfish("off", PASSWORD, "/redfish/v1/Systems/1", "power_timeout=2");
        assertNotEquals(off.output, 0, off.exitCode);
        assertTrue(chassis.isOn());
        assertEquals(List.of("ForceOff"), bmc.resets());
    }

    @Test
    public void stoppedBmcRefusesTheAgent() throws Exception {
        start(Map.of("1", chassis));
        bmc.stop();
        Agent status = fenceRedfish("status", PASSWORD, "/redfish/v1/Systems/1");
        assertNotEquals(status.output, 0, status.exitCode);
        assertNotEquals(status.output, 2, status.exitCode);
    }

    /** What fence_redfish does not use: X-Auth-Token sessions and the "already off" refusal. */
    @Test
    public void sessionsAndAlreadyInStateAnswers() throws Exception {
        start(Map.of("1", chassis)).alreadyInState(RedfishEmulator.AlreadyInState.CONFLICT);
        HttpClient http = HttpClient.newBuilder().sslContext(trustingEmulator()).build();
        String base = "https://127.0.0.1:" + bmc.port();

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + RedfishEmulator.SESSIONS))
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserName\": \"admin\", \"Password\": \"" + PASSWORD
                        + "\"}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 201, login.statusCode());
        String token = login.headers().firstValue("X-Auth-Token").orElse(null);
        assertNotNull(token);
        String session = login.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> system = http.send(HttpRequest.newBuilder(URI.create(base + "/redfish/v1/Systems/1"))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, system.statusCode());
        assertTrue(system.body(), system.body().contains("\"PowerState\":\"On\""));

        HttpResponse<String> on = http.send(HttpRequest.newBuilder(URI.create(base
                + "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset")).header("X-Auth-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"ResetType\":\"On\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, on.statusCode());
        assertTrue(on.body(), on.body().contains("already powered ON"));
        assertEquals(0, chassis.powerCommands());

        HttpResponse<Void> logout = http.send(HttpRequest.newBuilder(URI.create(base + session))
                .header("X-Auth-Token", token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(204, logout.statusCode());
        HttpResponse<Void> after = http.send(HttpRequest.newBuilder(URI.create(base + "/redfish/v1/Systems/1"))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(401, after.statusCode());
    }

    @Test
    public void twoSystemsAreTwoMembers() throws Exception {
        Map<String, Chassis> systems = new LinkedHashMap<>();
        systems.put("1", chassis);
        systems.put("2", new Chassis());
        start(systems);
        Agent off = fenceRedfish("off", PASSWORD, "/redfish/v1/Systems/2");
        assertEquals(off.output, 0, off.exitCode);
        assertTrue(chassis.isOn());
        assertFalse(systems.get("2").isOn());
    }

    private SSLContext trustingEmulator() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate cert = certificate.certificate();
        store.setCertificateEntry("bmc", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private record Agent(int exitCode, String output) {
    }

    /** Runs fence_redfish with its options on stdin, as Pacemaker does (the password never on the command line). */
    private Agent fenceRedfish(String action, String password, String systemsUri, String... extra)
            throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder()
                .append("action=").append(action).append('\n')
                .append("ip=127.0.0.1\n")
                .append("ipport=").append(bmc.port()).append('\n')
                .append("username=").append(USER).append('\n')
                .append("password=").append(password).append('\n')
                .append("ssl_insecure=1\n");
        if (systemsUri != null) {
            in.append("systems_uri=").append(systemsUri).append('\n');
        }
        for (String option : extra) {
            in.append(option).append('\n');
        }
        ProcessBuilder pb = new ProcessBuilder(agent.toString()).redirectErrorStream(true);
        pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
        Path out = DIR.newFile().toPath();
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(in.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            Processes.kill(p, Duration.ZERO);
            throw new AssertionError("fence_redfish " + action + " did not finish within 60 s");
        }
        return new Agent(p.exitValue(), Files.readString(out));
    }
}
