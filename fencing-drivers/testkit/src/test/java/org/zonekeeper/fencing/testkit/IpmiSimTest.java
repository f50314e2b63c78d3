package org.zonekeeper.fencing.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Processes;

/** The launcher proven with the real clients: ipmitool and Debian's fence_ipmilan. */
public class IpmiSimTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private IpmiSim bmc;

    @Before
    public void start() throws IOException {
        bmc = IpmiSim.start(dir.getRoot().toPath().resolve("bmc"), "fence", "pw-Ipmi-1");
    }

    @After
    public void stop() {
        bmc.close();
    }

    private Result ipmitool(String... command) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(Processes.require("ipmitool", "ipmitool").toString(),
                "-I", "lanplus", "-H", "127.0.0.1", "-p", String.valueOf(bmc.port()), "-U", bmc.user(), "-E", "-C",
                "3"));
        argv.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("IPMI_PASSWORD", bmc.password());
        return run(pb, "");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(ProcessBuilder pb, String stdin) throws Exception {
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue("finished", p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    public void ipmitoolReadsAndChangesThePower() throws Exception {
        assertEquals("Chassis Power is on", ipmitool("chassis", "power", "status").output().strip());
        assertEquals(0, ipmitool("chassis", "power", "off").exit());
        assertFalse(bmc.isOn());
        assertEquals("Chassis Power is off", ipmitool("chassis", "power", "status").output().strip());
        assertEquals(0, ipmitool("chassis", "power", "on").exit());
        assertTrue(bmc.isOn());
        assertEquals(List.of("0", "1"), bmc.powerCommands());
    }

    @Test
    public void fenceIpmilanPowersItOffAndTheOffActionRuns() throws Exception {
        Path marker = dir.getRoot().toPath().resolve("host-killed");
        bmc.whenOff("touch '" + marker + "'");
        ProcessBuilder agent = new ProcessBuilder(Processes.require("fence_ipmilan", "fence-agents").toString())
                .redirectErrorStream(true);
        String options = "action=off\nip=127.0.0.1\nipport=" + bmc.port() + "\nusername=" + bmc.user()
                + "\npassword=" + bmc.password() + "\nlanplus=1\ncipher=3\n";
        Result off = run(agent, options);
        assertEquals(off.output(), 0, off.exit());
        assertFalse(bmc.isOn());
        assertTrue("the power-off action ran", Files.exists(marker));
        Result status = run(new ProcessBuilder(agent.command()).redirectErrorStream(true),
                options.replace("action=off", "action=status"));
        assertEquals("fence agents exit 2 for OFF: " + status.output(), 2, status.exit());
    }

    @Test
    public void aStuckBmcAcceptsButNeverChangesAndAStoppedOneDoesNotAnswer() throws Exception {
        bmc.stuck(true);
        assertEquals(0, ipmitool("chassis", "power", "off").exit());
        assertTrue(bmc.isOn());
        bmc.stuck(false);
        bmc.stop();
        Result down = ipmitool("-R", "1", "-N", "1", "chassis", "power", "status");
        assertEquals(1, down.exit());
        bmc.start();
        assertEquals(0, ipmitool("chassis", "power", "status").exit());
    }

    @Test
    public void aWrongPasswordIsRefused() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Processes.require("ipmitool", "ipmitool").toString(), "-I", "lanplus",
                "-H", "127.0.0.1", "-p", String.valueOf(bmc.port()), "-U", bmc.user(), "-E", "-C", "3", "chassis",
                "power", "off").redirectErrorStream(true);
        pb.environment().put("IPMI_PASSWORD", "wrong");
        Result refused = run(pb, "");
        assertEquals(1, refused.exit());
        assertTrue(bmc.isOn());
    }
}
