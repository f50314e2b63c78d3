package org.zonekeeper.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.atomix.catalyst.transport.Address;

/** A zone of 3 server processes, driven through the distribution's {@code bin/zone-local}. */
final class LocalZone implements Cluster {

    static final int SIZE = 3;
    private static final int TIMEOUT_SECONDS = 120;

    private final Path script;
    private final Map<String, String> env = new HashMap<>();
    private final int raftPort;

    /**
     * {@code home}: where the servers live (emptied first); {@code db}: extra zone-local
     * variables (ZONE_LOCAL_DB...), empty for H2.
     */
    LocalZone(Path distribution, Path home, int raftPort, int sshPort, Map<String, String> db) throws IOException {
        this.script = distribution.resolve("bin/zone-local");
        this.raftPort = raftPort;
        Files.createDirectories(home.getParent());
        new ProcessBuilder("rm", "-rf", home.toString()).inheritIO().start().onExit().join();
        env.put("ZONE_LOCAL_HOME", home.toString());
        env.put("ZONE_LOCAL_RAFT_PORT", String.valueOf(raftPort));
        env.put("ZONE_LOCAL_SSH_PORT", String.valueOf(sshPort));
        env.put("ZONE_LOCAL_TIMEOUT", String.valueOf(TIMEOUT_SECONDS));
        env.putAll(db);
    }

    /** Starts servers 0..2 and waits for a leader. */
    void up() {
        run("up", String.valueOf(SIZE));
    }

    /** The servers' Raft endpoints, for a client. */
    List<Address> members() {
        return IntStream.range(0, SIZE).mapToObj(i -> new Address("127.0.0.1", raftPort + 10 * i))
                .collect(Collectors.toList());
    }

    @Override
    public int leader() {
        for (int i = 0; i < SIZE; i++) {
            try {
                int leader = stateColumn(run("exec", String.valueOf(i), "zone:show")).indexOf("leader");
                if (leader >= 0) {
                    return leader;
                }
            } catch (IllegalStateException down) {
                // ask the next one
            }
        }
        return -1;
    }

    @Override
    public void kill(int member) {
        run("kill", String.valueOf(member));
    }

    @Override
    public void start(int member) {
        run("start", String.valueOf(member));
    }

    @Override
    public void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<String> states = List.of();
        while (System.nanoTime() < deadline) {
            try {
                states = stateColumn(run("exec", "0", "zone:show"));
                if (states.size() == SIZE && states.stream().allMatch(s -> s.equals("leader") || s.equals("follower"))
                        && states.stream().filter("leader"::equals).count() == 1) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // server 0 may be the one starting
            }
            sleep(500);
        }
        throw new IllegalStateException("zone not healthy after " + TIMEOUT_SECONDS + " s: states " + states);
    }

    @Override
    public void close() {
        run("down");
    }

    /**
     * The STATE column of zone:show's status table, indexed by server id (rows are in id order;
     * the first column is the id).
     */
    static List<String> stateColumn(String zoneShow) {
        List<String> states = new ArrayList<>();
        int column = -1;
        for (String line : zoneShow.split("\n")) {
            List<String> cells = List.of(line.split("\\|")).stream().map(String::trim).collect(Collectors.toList());
            if (cells.contains("STATE")) {
                column = cells.indexOf("STATE");
            } else if (column >= 0 && cells.size() > column && cells.get(0).matches("\\d+")) {
                int id = Integer.parseInt(cells.get(0));
                while (states.size() <= id) {
                    states.add("?");
                }
                states.set(id, cells.get(column));
            }
        }
        return states;
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("zone-local", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectInput(new File("/dev/null")).redirectOutput(out.toFile());
                builder.environment().putAll(env);
                Process p = builder.start();
                if (!p.waitFor(3L * TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
                String output = Files.readString(out);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("zone-local " + String.join(" ", args) + " exited "
                            + p.exitValue() + ":\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: zone-local " + String.join(" ", args), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
