package org.zonekeeper.fencing.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.fencing.testkit.RacadmEmulator.Flavour;
import org.zonekeeper.testkit.Processes;

/**
 * Proves {@link RacadmEmulator} with Debian's real fence_drac5 (fence-agents), which logs in with OpenSSH under
 * pexpect and types racadm commands at the shell prompt, and with OpenSSH's exec requests, the way the drac driver
 * talks. OpenSSH checks the emulator's host key against a known_hosts file made from it (StrictHostKeyChecking).
 */
public class RacadmEmulatorTest {
    private static final String USER = "root";
    private static final String PASSWORD = "calvin-77";

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private static Path agent;
    private static Path ssh;
    private final Chassis server = new Chassis();
    private RacadmEmulator drac;
    private Path knownHosts;

    @BeforeClass
    public static void requirePrograms() {
        agent = Processes.require("fence_drac5", "fence-agents");
        ssh = Processes.require("ssh", "openssh-client");
    }

    @After
    public void stopDrac() {
        if (drac != null) {
            drac.stop();
        }
    }

    private RacadmEmulator start(RacadmEmulator emulator) throws IOException {
        drac = emulator.start();
        knownHosts = drac.writeKnownHosts(dir.getRoot().toPath().resolve("known_hosts"));
        return drac;
    }

    @Test
    public void drac5StatusOffAndOnThroughTheShell() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server, USER, PASSWORD));
        Agent on = fenceDrac5("status", PASSWORD);
        assertEquals(on.output, 0, on.exitCode);
        assertTrue(on.output, on.output.contains("Status: ON"));

        Agent off = fenceDrac5("off", PASSWORD);
        assertEquals(off.output, 0, off.exitCode);
        assertFalse(server.isOn());
        Agent status = fenceDrac5("status", PASSWORD);
        assertEquals(status.output, 2, status.exitCode);
        assertTrue(status.output, status.output.contains("Status: OFF"));

        Agent powerUp = fenceDrac5("on", PASSWORD);
        assertEquals(powerUp.output, 0, powerUp.exitCode);
        assertTrue(server.isOn());
        assertEquals(2, server.powerCommands());
        assertTrue(drac.commands().toString(), drac.commands().containsAll(List.of(
                "racadm serveraction powerstatus", "racadm serveraction powerdown", "racadm serveraction powerup")));
    }

    @Test
    public void idracAnswersAtTheSmclpPromptTheAgentIsToldAbout() throws Exception {
        start(RacadmEmulator.of(Flavour.IDRAC, server, USER, PASSWORD));
        server.setOn(false);
        Agent status = fenceDrac5("status", PASSWORD, "command_prompt=/admin1->", "drac_version=DRAC 5");
        assertEquals(status.output, 2, status.exitCode);
    }

    @Test
    public void cmcPowersOnlyTheModuleThePlugNames() throws Exception {
        Chassis other = new Chassis();
        Map<String, Chassis> modules = new LinkedHashMap<>();
        modules.put("server-1", other);
        modules.put("server-2", server);
        start(RacadmEmulator.cmc(modules, USER, PASSWORD));
        // no drac_version: the agent takes "CMC" from the login banner
        Agent off = fenceDrac5("off", PASSWORD, "plug=server-2");
        assertEquals(off.output, 0, off.exitCode);
        assertFalse(server.isOn());
        assertTrue(other.isOn());
        assertTrue(drac.commands().toString(), drac.commands().contains("racadm serveraction powerdown -m server-2"));
        Agent status = fenceDrac5("status", PASSWORD, "plug=server-2");
        assertEquals(status.output, 2, status.exitCode);
    }

    @Test
    public void aWrongPasswordIsRefusedAndNothingChanges() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server, USER, PASSWORD));
        Agent off = fenceDrac5("off", "wrong-password");
        assertNotEquals(off.output, 0, off.exitCode);
        assertNotEquals(off.output, 2, off.exitCode);
        assertTrue(server.isOn());
        assertTrue(drac.commands().isEmpty());
        assertTrue(drac.failedLogins() > 0);
    }

    @Test
    public void aStuckChassisMakesTheAgentGiveUp() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server.stuck(true), USER, PASSWORD));
        Agent off = fenceDrac5("off", PASSWORD, "power_timeout=2");
        assertNotEquals(off.output, 0, off.exitCode);
        assertTrue(server.isOn());
        assertEquals(1, server.powerCommands());
    }

    @Test
    public void aStoppedDracRefusesTheAgent() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server, USER, PASSWORD));
        drac.stop();
        Agent status = fenceDrac5("status", PASSWORD);
        assertNotEquals(status.output, 0, status.exitCode);
        assertNotEquals(status.output, 2, status.exitCode);
    }

    /** What the drac driver does: one racadm command per SSH exec request. */
    @Test
    public void execRequestsAnswerLikeTheShellAndExitNonZeroOnError() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server, USER, PASSWORD));
        Processes.Result status = sshExec("racadm serveraction powerstatus");
        assertEquals(status.stderr(), 0, status.exitCode());
        assertEquals("Server power status: ON\n", status.stdout());

        Processes.Result off = sshExec("racadm serveraction powerdown");
        assertEquals(off.stderr(), 0, off.exitCode());
        assertEquals("Server power operation successful\n", off.stdout());
        assertFalse(server.isOn());

        Processes.Result again = sshExec("racadm serveraction powerdown");
        assertEquals(1, again.exitCode());
        assertEquals("ERROR: Server is already powered OFF.\n", again.stdout());
        assertEquals(1, server.powerCommands());
    }

    @Test
    public void cmcExecNeedsAModuleAndPrintsTheBareState() throws Exception {
        start(RacadmEmulator.cmc(Map.of("server-3", server), USER, PASSWORD));
        assertEquals("ON\n", sshExec("racadm serveraction -m server-3 powerstatus").stdout());
        Processes.Result noModule = sshExec("racadm serveraction powerstatus");
        assertEquals(1, noModule.exitCode());
        assertTrue(noModule.stdout(), noModule.stdout().startsWith("ERROR: "));
        assertTrue(sshExec("serveraction -m server-9 powerdown").stdout().startsWith("ERROR: Invalid module"));
        assertTrue(server.isOn());
    }

    @Test
    public void theFingerprintIsTheOneSshKeygenPrints() throws Exception {
        start(RacadmEmulator.of(Flavour.IDRAC, server, USER, PASSWORD));
        Path keygen = Processes.require("ssh-keygen", "openssh-client");
        Processes.Result printed = Processes.run(Duration.ofSeconds(20), keygen.toString(), "-l", "-f",
                knownHosts.toString()).orThrow();
        assertTrue(printed.stdout(), drac.hostKeyFingerprint().startsWith("SHA256:"));
        assertTrue(printed.stdout() + " should have " + drac.hostKeyFingerprint(),
                printed.stdout().contains(" " + drac.hostKeyFingerprint() + " "));
    }

    @Test
    public void aHangingDracTakesLoginsButNeverAnswers() throws Exception {
        start(RacadmEmulator.of(Flavour.DRAC5, server, USER, PASSWORD)).hang(true);
        Agent status = fenceDrac5("status", PASSWORD);
        assertNotEquals(status.output, 0, status.exitCode);
        assertNotEquals(status.output, 2, status.exitCode);
        assertEquals(List.of("racadm serveraction powerstatus"), drac.commands());
    }

    private record Agent(int exitCode, String output) {
    }

    /** Runs fence_drac5 with its options on stdin, as Pacemaker does (the password never on a command line). */
    private Agent fenceDrac5(String action, String password, String... extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("action=" + action, "ip=" + drac.address(),
                "ipport=" + drac.port(), "username=" + USER, "password=" + password, "ssh=1",
                "ssh_options=-F /dev/null -o UserKnownHostsFile=" + knownHosts + " -o GlobalKnownHostsFile=/dev/null"
                        + " -o StrictHostKeyChecking=yes",
                "login_timeout=3", "shell_timeout=3", "power_timeout=5"));
        options.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(agent.toString()).redirectErrorStream(true);
        Path out = dir.newFile().toPath();
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write((String.join("\n", options) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            Processes.kill(p, Duration.ZERO);
            throw new AssertionError("fence_drac5 " + action + " did not finish within 60 s");
        }
        return new Agent(p.exitValue(), Files.readString(out));
    }

    /** {@code ssh root@drac COMMAND} with the password from SSH_ASKPASS (a script reading it from the environment). */
    private Processes.Result sshExec(String command) throws IOException, InterruptedException {
        Path askpass = dir.getRoot().toPath().resolve("askpass.sh");
        if (!Files.exists(askpass)) {
            Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$DRAC_TEST_PASSWORD\"\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        }
        ProcessBuilder pb = new ProcessBuilder(ssh.toString(), "-F", "/dev/null", "-p", String.valueOf(drac.port()),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o",
                "StrictHostKeyChecking=yes", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1",
                USER + "@" + drac.address(), command);
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("DRAC_TEST_PASSWORD", PASSWORD);
        Path out = dir.newFile().toPath();
        Path err = dir.newFile().toPath();
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            Processes.kill(p, Duration.ZERO);
            throw new AssertionError("ssh " + command + " did not finish within 30 s");
        }
        return new Processes.Result(pb.command(), p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
