package org.zonekeeper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.atomix.catalyst.transport.Address;

import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.ZoneTable;

/** The benchmark's zone: 3 server processes of the distribution, through the testkit's {@link LocalZone}. */
final class BenchZone implements Cluster {

    static final int SIZE = 3;
    private static final int TIMEOUT_SECONDS = 120;

    private final LocalZone zone;
    private final int raftPort;

    /**
     * {@code home}: where the servers live (emptied first); {@code env}: extra zone-local
     * variables (ZONE_LOCAL_DB..., ZONE_LOCAL_CFG), empty for H2.
     */
    BenchZone(Path distribution, Path home, int raftPort, int sshPort, Map<String, String> env) throws IOException {
        this.raftPort = raftPort;
        Files.createDirectories(home.getParent());
        new ProcessBuilder("rm", "-rf", home.toString()).inheritIO().start().onExit().join();
        this.zone = LocalZone.at(distribution, home, raftPort, sshPort);
        env.forEach(zone::env);
    }

    /** Starts servers 0..2 and waits for a leader. */
    void up() {
        zone.up(SIZE);
    }

    /** zone-local's directory (its client certificate is in {@code client/}). */
    Path home() {
        return zone.home();
    }

    /** The servers' Raft endpoints, for a client. */
    List<Address> members() {
        return IntStream.range(0, SIZE).mapToObj(i -> new Address("127.0.0.1", raftPort + 10 * i))
                .collect(Collectors.toList());
    }

    /** Runs one shell command on server {@code id}; throws {@link ZoneLocalException} if it fails. */
    String exec(int id, String command) {
        return zone.exec(id, command);
    }

    /** {@code zone-local add NAME}: zone:server-add, then the new server started with join = true. */
    String add(String name) {
        return zone.add(name);
    }

    /** Server {@code id}'s directory (its karaf.home). */
    Path serverDir(int id) {
        return zone.serverDir(id);
    }

    @Override
    public int leader() {
        for (int i = 0; i < SIZE; i++) {
            try {
                int leader = LocalZone.leaderIn(zone.exec(i, "zone:show"));
                if (leader >= 0) {
                    return leader;
                }
            } catch (ZoneLocalException down) {
                // ask the next one
            }
        }
        return -1;
    }

    @Override
    public void kill(int member) {
        zone.kill(member);
    }

    @Override
    public void start(int member) {
        zone.start(member);
    }

    @Override
    public void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<String> states = List.of();
        while (System.nanoTime() < deadline) {
            try {
                states = ZoneTable.rows(zone.exec(0, "zone:show"), "STATE").stream().map(r -> r.get("STATE"))
                        .collect(Collectors.toList());
                if (states.size() == SIZE && states.stream().allMatch(s -> s.equals("leader") || s.equals("follower"))
                        && states.stream().filter("leader"::equals).count() == 1) {
                    return;
                }
            } catch (ZoneLocalException notYet) {
                // server 0 may be the one starting
            }
            sleep(500);
        }
        throw new IllegalStateException("zone not healthy after " + TIMEOUT_SECONDS + " s: states " + states);
    }

    @Override
    public void close() {
        zone.close();
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
