package org.zonekeeper.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs commands to completion with a timeout, and finds executables. */
public final class Processes {

    /** Directories searched after PATH: a CI user's PATH may lack the sbin ones. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Processes() {
    }

    /** The outcome of a finished command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws unless the command exited 0; the message has the command, status and stderr. */
        public Result orThrow() throws IOException {
            if (!ok()) {
                throw new IOException(String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    public static Result run(Duration timeout, String... command) throws IOException {
        return run(timeout, List.of(command));
    }

    /**
     * Runs a command (no shell, empty stdin) and returns its exit code and output.
     * On timeout the process and its descendants are killed and an IOException is thrown.
     */
    public static Result run(Duration timeout, List<String> command) throws IOException {
        Path out = Files.createTempFile("zk-proc-", ".out");
        Path err = Files.createTempFile("zk-proc-", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(p, Duration.ZERO);
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
                }
            } catch (InterruptedException e) {
                kill(p, Duration.ZERO);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(List.copyOf(command), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Stops a process: SIGTERM, then SIGKILL (with its descendants) if it has not exited
     * within {@code grace}. Returns when it is gone.
     */
    public static void kill(Process p, Duration grace) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Finds an executable on PATH or in the sbin directories. */
    public static Optional<Path> which(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Like {@link #which} but fails with a message saying which package provides it. */
    public static Path require(String name, String debianPackage) {
        return which(name).orElseThrow(() -> new IllegalStateException(
                name + " not found: run ./test.sh, which installs " + debianPackage));
    }
}
