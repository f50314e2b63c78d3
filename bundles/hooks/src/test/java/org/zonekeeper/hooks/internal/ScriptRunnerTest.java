package org.zonekeeper.hooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.HookExecution;

/** Real programs under {@code setsid}: outcome, output, timeout kill of the whole process group, floods. */
public class ScriptRunnerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ScriptRunner runner = new ScriptRunner(64 * 1024);

    private Path script(String body) throws IOException {
        Path file = folder.newFile().toPath();
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private HookResult run(Path program, String stdin, Duration timeout, String... arguments)
            throws InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(program.toString()));
        argv.addAll(List.of(arguments));
        return runner.run(argv, Map.of("ZK_EVENT", "HOST/ERROR"), stdin, timeout);
    }

    @Test
    public void aScriptGetsItsArgumentsEnvironmentAndStdin() throws Exception {
        Path s = script("echo \"$1 $2 $ZK_EVENT\"; cat");
        HookResult o = run(s, "{\"doc\":1}", Duration.ofSeconds(10), "7", "kvm-1");
        assertEquals(HookExecution.State.SUCCEEDED, o.state());
        assertEquals(0, o.exitCode());
        assertEquals("7 kvm-1 HOST/ERROR\n{\"doc\":1}", o.stdout());
    }

    @Test
    public void aNonZeroExitFailsWithTheLastLineOfStderr() throws Exception {
        HookResult o = run(script("echo first >&2; echo 'no route to pager' >&2; exit 3"), "", Duration.ofSeconds(10));
        assertEquals(HookExecution.State.FAILED, o.state());
        assertEquals(3, o.exitCode());
        assertEquals("exit 3: no route to pager", o.reason());
    }

    @Test
    public void aHangingScriptIsKilledWithEverythingItStarted() throws Exception {
        Path pids = folder.getRoot().toPath().resolve("child.pid");
        Path s = script("sleep 300 & echo $! > " + pids + "; sh -c 'sleep 300' ; echo never");
        long start = System.nanoTime();
        HookResult o = run(s, "", Duration.ofMillis(700));
        assertEquals(HookExecution.State.FAILED, o.state());
        assertEquals("killed with its process group after 700 ms (timeout.ms)", o.reason());
        assertTrue("returned soon after the timeout", System.nanoTime() - start < 10_000_000_000L);
        long child = Long.parseLong(Files.readString(pids).trim());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse("the background child was killed too", ProcessHandle.of(child).map(ProcessHandle::isAlive)
                .orElse(false));
        assertFalse(o.stdout().contains("never"));
    }

    @Test
    public void aFloodingScriptIsKilledAndItsOutputTailKept() throws Exception {
        HookResult o = run(script("yes flood"), "", Duration.ofSeconds(30));
        assertEquals(HookExecution.State.FAILED, o.state());
        assertEquals("killed: wrote more than 65536 bytes (output.limit.bytes)", o.reason());
        assertTrue(o.stdout().length() <= HookExecution.MAX_OUTPUT);
        assertTrue(o.stdout().endsWith("flood\n") || o.stdout().contains("flood"));
    }

    @Test
    public void aMissingOrNonExecutableProgramIsAFailureSayingSo() throws Exception {
        Path missing = folder.getRoot().toPath().resolve("nope.sh");
        assertEquals(missing + ": no such file", run(missing, "", Duration.ofSeconds(1)).reason());
        Path plain = folder.newFile("plain.sh").toPath();
        HookResult o = run(plain, "", Duration.ofSeconds(1));
        assertEquals(HookExecution.State.FAILED, o.state());
        assertEquals(plain + ": not executable by the server (chmod +x)", o.reason());
    }
}
