package org.zonekeeper.fencing.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Processes;

/** The RIBCL emulator proven with Debian's real fence_ilo (over gnutls-cli). */
public class RibclEmulatorTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final Chassis chassis = new Chassis();
    private RibclEmulator ilo;

    @Before
    public void start() throws Exception {
        Processes.require("gnutls-cli", "gnutls-bin");
        ilo = new RibclEmulator(chassis, "Administrator", "ilo\"pw&<1>").start(
                SelfSignedCertificate.generate(dir.getRoot().toPath(), "ilo-test"));
    }

    @After
    public void stop() throws Exception {
        ilo.close();
    }

    private int fenceIlo(String action, String password) throws Exception {
        Process p = new ProcessBuilder(Processes.require("fence_ilo", "fence-agents").toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(("action=" + action + "\nip=127.0.0.1\nipport=" + ilo.port()
                + "\nusername=Administrator\npassword=" + password + "\nssl_insecure=1\nlogin_timeout=5\n"
                + "shell_timeout=5\npower_timeout=10\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue("fence_ilo finished", p.waitFor(90, TimeUnit.SECONDS));
        p.getInputStream().readAllBytes();
        return p.exitValue();
    }

    @Test
    public void fenceIloReadsAndChangesThePower() throws Exception {
        assertEquals("status ON", 0, fenceIlo("status", "ilo\"pw&<1>"));
        assertEquals(0, fenceIlo("off", "ilo\"pw&<1>"));
        assertFalse(chassis.isOn());
        assertEquals("status OFF", 2, fenceIlo("status", "ilo\"pw&<1>"));
        assertEquals(0, fenceIlo("on", "ilo\"pw&<1>"));
        assertTrue(chassis.isOn());
        assertEquals(List.of("HOLD_PWR_BTN", "PRESS_PWR_BTN"), ilo.powerCommands());
    }

    @Test
    public void aWrongPasswordIsRefusedAndNothingChanges() throws Exception {
        assertNotEquals(0, fenceIlo("off", "wrong"));
        assertTrue(chassis.isOn());
        assertTrue(ilo.powerCommands().isEmpty());
    }
}
