package org.zonekeeper.fencing.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/**
 * Runs a BMC client program (ipmitool, a fence agent). Secrets go through {@link #env} or {@link #stdin}, never the
 * argument list; at the deadline the process and its descendants are killed and the call fails with TIMEOUT.
 */
public final class BmcCommand {
    /** Output kept per stream; a client that floods is cut here. */
    static final int MAX_OUTPUT = 64 * 1024;

    private final List<String> argv;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";

    private BmcCommand(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    public static BmcCommand of(List<String> argv) {
        return new BmcCommand(argv);
    }

    public static BmcCommand of(String... argv) {
        return new BmcCommand(List.of(argv));
    }

    public BmcCommand env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public BmcCommand stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** The command as it may be logged: the argument list, which never holds a secret. */
    public String describe() {
        return String.join(" ", argv);
    }

    /** Runs the program; throws TIMEOUT when killed at the deadline, UNSUPPORTED when it cannot be started. */
    public Result run(Duration timeout) throws FencingException {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            throw new FencingException(Kind.UNSUPPORTED, "cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The program exited without reading its input; its exit status says what happened.
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new FencingException(Kind.TIMEOUT, argv.get(0) + " did not finish within " + timeout.toMillis()
                        + " ms");
            }
            out.join(1000);
            err.join(1000);
            return new Result(p.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new FencingException(Kind.TIMEOUT, argv.get(0) + " interrupted (deadline reached)", e);
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** A finished run. {@code stdout} and {@code stderr} are cut at 64 KiB each. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The last non-blank line of stderr (else stdout), for one-line error messages. */
        public String lastLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            String[] lines = text.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("bmc-command-output");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) >= 0;) {
                    synchronized (buffer) {
                        int keep = Math.min(n, MAX_OUTPUT - buffer.size());
                        if (keep > 0) {
                            buffer.write(chunk, 0, keep);
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed; keep what was read.
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
