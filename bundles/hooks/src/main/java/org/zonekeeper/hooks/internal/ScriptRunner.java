package org.zonekeeper.hooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zonekeeper.api.HookExecution;

/**
 * Runs a hook program in its own session and process group ({@code setsid}), so that at its timeout, or when it
 * floods its output, the program and everything it started are killed together.
 */
final class ScriptRunner {
    private static final long SLICE_MS = 50;

    private final long outputLimit;

    ScriptRunner(long outputLimit) {
        this.outputLimit = outputLimit;
    }

    /** Why {@code program} cannot be run, or null. */
    static String problem(Path program) {
        if (!Files.exists(program)) {
            return program + ": no such file";
        }
        if (!Files.isRegularFile(program)) {
            return program + ": not a regular file";
        }
        if (!Files.isExecutable(program)) {
            return program + ": not executable by the server (chmod +x)";
        }
        return null;
    }

    HookResult run(List<String> argv, Map<String, String> env, String stdin, Duration timeout)
            throws InterruptedException {
        String problem = problem(Path.of(argv.get(0)));
        if (problem != null) {
            return HookResult.failed(problem);
        }
        List<String> line = new ArrayList<>(List.of("setsid"));
        line.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(env);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            return HookResult.failed("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        AtomicLong written = new AtomicLong();
        Tail out = new Tail(p.getInputStream(), written);
        Tail err = new Tail(p.getErrorStream(), written);
        feed(p.getOutputStream(), stdin);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!p.waitFor(SLICE_MS, TimeUnit.MILLISECONDS)) {
                if (written.get() > outputLimit) {
                    killGroup(p);
                    return HookResult.failed(-1, out.text(), err.text(), "killed: wrote more than " + outputLimit
                            + " bytes (output.limit.bytes)");
                }
                if (System.nanoTime() > deadline) {
                    killGroup(p);
                    return HookResult.failed(-1, out.text(), err.text(), "killed with its process group after "
                            + timeout.toMillis() + " ms (timeout.ms)");
                }
            }
        } catch (InterruptedException e) {
            killGroup(p);
            throw e;
        }
        // a background child may keep the pipes open: wait a little, not for it
        out.join(1000);
        err.join(1000);
        int exit = p.exitValue();
        if (written.get() > outputLimit) {
            return HookResult.failed(exit, out.text(), err.text(), "wrote more than " + outputLimit
                    + " bytes (output.limit.bytes)");
        }
        return exit == 0 ? HookResult.succeeded(0, out.text(), err.text())
                : HookResult.failed(exit, out.text(), err.text(), "exit " + exit + lastLine(err.text(), out.text()));
    }

    private static String lastLine(String stderr, String stdout) {
        String text = (stderr.isBlank() ? stdout : stderr).strip();
        return text.isEmpty() ? "" : ": " + text.substring(text.lastIndexOf('\n') + 1).strip();
    }

    private static void feed(OutputStream in, String text) {
        Thread t = new Thread(() -> {
            try (in) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program exited or closed its input without reading it all: its exit status tells
            }
        }, "hook-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** setsid made the program its group's leader: the group id is its pid. */
    private static void killGroup(Process p) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        p.destroyForcibly();
    }

    /** Drains one stream, counting every byte, keeping the last {@link HookExecution#MAX_OUTPUT} characters. */
    private static final class Tail extends Thread {
        private final InputStream in;
        private final AtomicLong written;
        private final StringBuilder kept = new StringBuilder();

        Tail(InputStream in, AtomicLong written) {
            super("hook-output");
            this.in = in;
            this.written = written;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) >= 0;) {
                    written.addAndGet(n);
                    synchronized (kept) {
                        kept.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                        if (kept.length() > 2 * HookExecution.MAX_OUTPUT) {
                            kept.delete(0, kept.length() - HookExecution.MAX_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // killed: keep what was read
            }
        }

        String text() {
            synchronized (kept) {
                return kept.length() <= HookExecution.MAX_OUTPUT ? kept.toString()
                        : kept.substring(kept.length() - HookExecution.MAX_OUTPUT);
            }
        }
    }
}
