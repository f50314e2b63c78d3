package org.zonekeeper.fencing.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

public class BmcCommandTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void secretsTravelByEnvironmentAndStdinNotArguments() throws Exception {
        BmcCommand command = BmcCommand.of("sh", "-c", "echo \"env=$BMC_PW\"; read line; echo \"stdin=$line\"")
                .env("BMC_PW", "hunter2").stdin("password=hunter3\n");
        BmcCommand.Result result = command.run(Duration.ofSeconds(10));
        assertEquals(0, result.exitCode());
        assertEquals("env=hunter2\nstdin=password=hunter3\n", result.stdout());
        assertFalse(command.describe().contains("hunter"));
    }

    @Test
    public void aHangingProgramAndItsChildrenAreKilledAtTheDeadline() throws Exception {
        Path pids = dir.getRoot().toPath().resolve("child.pid");
        FencingException e = assertThrows(FencingException.class, () -> BmcCommand
                .of("sh", "-c", "sleep 60 & echo $! > " + pids + "; wait").run(Duration.ofMillis(500)));
        assertEquals(Kind.TIMEOUT, e.kind());
        long child = Long.parseLong(Files.readString(pids).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse("child sleep " + child + " still alive", ProcessHandle.of(child).map(ProcessHandle::isAlive)
                .orElse(false));
    }

    @Test
    public void floodingOutputIsCut() throws Exception {
        BmcCommand.Result result = BmcCommand.of("sh", "-c", "yes | head -c 1000000").run(Duration.ofSeconds(20));
        assertEquals(0, result.exitCode());
        assertEquals(BmcCommand.MAX_OUTPUT, result.stdout().length());
    }

    @Test
    public void aMissingProgramIsUnsupportedNamingIt() {
        FencingException e = assertThrows(FencingException.class,
                () -> BmcCommand.of("/nonexistent/ipmitool").run(Duration.ofSeconds(5)));
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("/nonexistent/ipmitool"));
    }

    @Test
    public void lastLinePrefersStderr() throws Exception {
        BmcCommand.Result result = BmcCommand.of("sh", "-c", "echo out; echo first >&2; echo 'Error: bad' >&2; exit 1")
                .run(Duration.ofSeconds(5));
        assertEquals(1, result.exitCode());
        assertEquals("Error: bad", result.lastLine());
    }
}
