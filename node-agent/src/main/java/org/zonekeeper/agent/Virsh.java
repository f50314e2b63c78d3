package org.zonekeeper.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code virsh -q -c URI ...}: no shell, empty stdin, English messages (LC_ALL=C, so they can be matched), and
 * a deadline at which virsh and its children (e.g. ssh of a remote URI) are killed.
 */
final class Virsh {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "virsh-output");
        t.setDaemon(true);
        return t;
    });

    /** A finished virsh. */
    record Result(int exit, String out, String err) {

        boolean ok() {
            return exit == 0;
        }

        /** virsh's last stderr line, the one that says what went wrong. */
        String lastError() {
            List<String> lines = err.strip().lines().toList();
            return lines.isEmpty() ? "exit status " + exit : lines.get(lines.size() - 1).strip();
        }
    }

    private final Path virsh;
    private final String uri;
    private final Duration timeout;

    Virsh(String uri, Duration timeout) {
        this.virsh = find();
        this.uri = uri;
        this.timeout = timeout;
    }

    /** The virsh executable on PATH; an {@link IllegalStateException} names the package that has it. */
    static Path find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "virsh");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("vmm = kvm needs virsh, which is not on PATH (Debian: apt-get install "
                + "libvirt-clients)");
    }

    /**
     * Runs {@code virsh args}; {@code what} (e.g. "create vm-7") names it in errors. Throws only when virsh cannot
     * be run or does not finish in time; a failed command is a Result that is not {@link Result#ok()}.
     */
    Result run(String what, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(virsh.toString(), "-q", "-c", uri));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IOException("virsh " + what + ": cannot run " + virsh + ": " + e.getMessage());
        }
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IOException("virsh " + what + ": no answer from libvirt (" + uri + ") within "
                        + timeout.toSeconds() + " s; virsh killed");
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IOException("virsh " + what + ": interrupted");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /** Runs {@code virsh args} and returns its output; a failure is an IOException with virsh's last error line. */
    String output(String what, String... args) throws IOException {
        Result r = run(what, args);
        if (!r.ok()) {
            throw failure(what, r);
        }
        return r.out();
    }

    static IOException failure(String what, Result r) {
        return new IOException("virsh " + what + ": " + r.lastError());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS).exceptionally(e -> "");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
