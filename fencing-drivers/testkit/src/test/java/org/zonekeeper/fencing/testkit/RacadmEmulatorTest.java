package org.zonekeeper.fencing.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Processes;

/** The racadm emulator proven with Debian's real fence_drac5 over OpenSSH. */
public class RacadmEmulatorTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Chassis server = new Chassis();
    private final Chassis blade = new Chassis();
    private RacadmEmulator drac;

    @Before
    public void start() throws Exception {
        Processes.require("ssh", "openssh-client");
        drac = new RacadmEmulator(Map.of("", server, "server-2", blade), "root", "calvin-9")
                .start(dir.getRoot().toPath().resolve("hostkey.ser"));
    }

    @After
    public void stop() throws Exception {
        drac.close();
    }

    private int fenceDrac5(String action, String password, String extra) throws Exception {
        Process p = new ProcessBuilder(Processes.require("fence_drac5", "fence-agents").toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(("action=" + action + "\nip=127.0.0.1\nipport=" + drac.port()
                + "\nusername=root\npassword=" + password + "\nssh=1\nssh_options=-o StrictHostKeyChecking=no "
                + "-o UserKnownHostsFile=/dev/null\nlogin_timeout=10\nshell_timeout=5\npower_timeout=10\n" + extra)
                .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue("fence_drac5 finished", p.waitFor(90, TimeUnit.SECONDS));
        p.getInputStream().readAllBytes();
        return p.exitValue();
    }

    @Test
    public void fenceDrac5ReadsAndChangesThePower() throws Exception {
        assertEquals("status ON", 0, fenceDrac5("status", "calvin-9", ""));
        assertEquals(0, fenceDrac5("off", "calvin-9", ""));
        assertFalse(server.isOn());
        assertEquals("status OFF", 2, fenceDrac5("status", "calvin-9", ""));
        assertEquals(0, fenceDrac5("on", "calvin-9", ""));
        assertTrue(server.isOn());
        assertEquals(List.of("powerdown", "powerup"), drac.powerCommands());
    }

    @Test
    public void fenceDrac5DrivesACmcModule() throws Exception {
        assertEquals(0, fenceDrac5("off", "calvin-9", "drac_version=DRAC CMC\nplug=server-2\n"));
        assertFalse(blade.isOn());
        assertTrue(server.isOn());
    }

    @Test
    public void aWrongPasswordIsRefusedAndNothingChanges() throws Exception {
        assertNotEquals(0, fenceDrac5("off", "wrong", ""));
        assertTrue(server.isOn());
        assertTrue(drac.powerCommands().isEmpty());
    }
}
