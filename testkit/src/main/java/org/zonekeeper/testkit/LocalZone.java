package org.zonekeeper.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * A zone of real server processes on loopback, driven through the
 * distribution's {@code bin/zone-local}: the tests' (each {@link #create} has its own directory under
 * {@code target/zones/} and its own free ports) and the benchmarks' ({@link #at}). Call {@link #close()}
 * (e.g. from an {@code @After}) to stop its servers.
 *
 * <pre>
 * try (LocalZone zone = LocalZone.create("failover")) {
 *     zone.up(3);
 *     String show = zone.exec(0, "zone:show");
 * }
 * </pre>
 */
public final class LocalZone implements AutoCloseable {

    /** Ports reserved per zone: Raft and status ports for this many servers, and as many SSH ports. */
    private static final int MAX_SERVERS = 9;
    /** How long zone-local waits for a shell or a leader; this class waits for zone-local a little longer. */
    private static final int TIMEOUT_SECONDS = 120;

    private final Path script;
    private final Map<String, String> env = new HashMap<>();

    private LocalZone(Path distribution, Path home, int raftPort, int sshPort) {
        this.script = distribution.resolve("bin/zone-local");
        env.put("ZONE_LOCAL_HOME", home.toString());
        env.put("ZONE_LOCAL_RAFT_PORT", String.valueOf(raftPort));
        env.put("ZONE_LOCAL_SSH_PORT", String.valueOf(sshPort));
        env.put("ZONE_LOCAL_TIMEOUT", String.valueOf(TIMEOUT_SECONDS));
    }

    /** A zone of {@code distribution} living in {@code home}, on the ports given (the benchmarks choose their own). */
    public static LocalZone at(Path distribution, Path home, int raftPort, int sshPort) {
        return new LocalZone(distribution, home, raftPort, sshPort);
    }

    /**
     * A new, empty zone in {@code target/zones/NAME-N}, using the distribution
     * unpacked by the build (system property {@code zonekeeper.distribution}).
     */
    public static LocalZone create(String name) throws IOException {
        String unpacked = System.getProperty("zonekeeper.distribution");
        if (unpacked == null || !Files.isExecutable(Paths.get(unpacked, "bin/zone-local"))) {
            throw new IllegalStateException("no distribution at " + unpacked + "; run the tests through Maven");
        }
        Path distribution = Paths.get(unpacked);
        Path zones = Files.createDirectories(Paths.get("target/zones").toAbsolutePath());
        Path home = Files.createTempDirectory(zones, name + "-");
        // one block for both, so that no server's SSH port is another's Raft or status port (seen in CI when the
        // two bases were drawn apart: "no shell on port P", P being server 0's Raft port)
        int raftPort = Ports.freeBase(1, 11 * MAX_SERVERS, 1);
        int sshPort = raftPort + 10 * MAX_SERVERS;
        return new LocalZone(distribution, home, raftPort, sshPort);
    }

    /** Sets a zone-local environment variable (e.g. ZONE_LOCAL_CFG, ZONE_LOCAL_DB) for the next servers configured. */
    public LocalZone env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts servers 0..n-1, waits for a leader; returns zone:show. */
    public String up(int n) {
        return run("up", String.valueOf(n));
    }

    public void kill(int server) {
        run("kill", String.valueOf(server));
    }

    /** Freezes a server (SIGSTOP): its process lives, but it answers nobody. */
    public void pause(int server) {
        run("pause", String.valueOf(server));
    }

    public void resume(int server) {
        run("resume", String.valueOf(server));
    }

    /** Starts a server and waits for its shell. */
    public void start(int server) {
        run("start", String.valueOf(server));
    }

    public void stop(int server) {
        run("stop", String.valueOf(server));
    }

    /** zone:server-add, then starts the new server with join = true; returns zone-local's report. */
    public String add(String name) {
        return run("add", name);
    }

    /** Runs one Karaf shell command on a server; returns its output, throws if it fails. */
    public String exec(int server, String command) {
        return run("exec", String.valueOf(server), command);
    }

    /** The id in the zone:show status row whose STATE is leader, or -1. */
    public static int leaderIn(String zoneShow) {
        return ZoneTable.rows(zoneShow, "STATE").stream().filter(r -> r.get("STATE").equals("leader"))
                .mapToInt(r -> Integer.parseInt(r.get("ID"))).findFirst().orElse(-1);
    }

    /** Server {@code id}'s Raft port (its status port is the next one). */
    public int raftPort(int id) {
        return Integer.parseInt(env.get("ZONE_LOCAL_RAFT_PORT")) + 10 * id;
    }

    /** zone-local's own directory: its CA in {@code ca/}, its client certificate in {@code client/}. */
    public Path home() {
        return Paths.get(env.get("ZONE_LOCAL_HOME"));
    }

    /** Server {@code id}'s directory (its karaf.home). */
    public Path serverDir(int id) {
        return Paths.get(env.get("ZONE_LOCAL_HOME"), "server-" + id);
    }

    public void down() {
        run("down");
    }

    @Override
    public void close() {
        down();
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Path log = null;
        try {
            log = Files.createTempFile("zone-local", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean exited = process.waitFor(3L * TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            if (!exited || process.exitValue() != 0) {
                throw new ZoneLocalException(args, exited ? process.exitValue() : -1, output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: zone-local " + String.join(" ", args), e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    /** zone-local exited non-zero (or timed out: status -1); the message holds its output. */
    public static final class ZoneLocalException extends RuntimeException {
        private final int status;
        private final String output;

        ZoneLocalException(String[] args, int status, String output) {
            super("zone-local " + String.join(" ", args) + " exited " + status + ":\n" + output);
            this.status = status;
            this.output = output;
        }

        public int status() {
            return status;
        }

        public String output() {
            return output;
        }
    }
}
