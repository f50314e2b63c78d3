package org.zonekeeper.testkit.zone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.zonekeeper.api.Leadership;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.store.DatabaseType;
import org.zonekeeper.zone.internal.ZoneSettings;

/**
 * A zone of N servers in one JVM, for unit tests of the leader-only components: each {@link MemoryServer} runs the
 * zone bundle's real state and services on an H2 memory database of its own, all replicas of one
 * {@link MemoryEngine} log, so writes are term-fenced and applied by the model's real rules on every server. No
 * process, no socket, no file. Server {@code I} is named {@code zkI}; the test chooses the leader ({@link #elect}).
 */
public final class MemoryZone implements AutoCloseable {

    private static final AtomicInteger ZONES = new AtomicInteger();
    /** How long a write waits for a leader at most ({@code request.timeout.ms}). */
    private static final long REQUEST_TIMEOUT_MS = 2000;

    private final MemoryEngine engine = new MemoryEngine();
    private final List<MemoryServer> servers = new ArrayList<>();

    private MemoryZone() {
    }

    /** Starts {@code size} servers and makes {@code zk0} leader, returning once it claimed its term. */
    public static MemoryZone start(int size) {
        MemoryZone zone = new MemoryZone();
        int id = ZONES.incrementAndGet();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // endpoints are names only here: nothing listens
            entries.add(i + "=zk" + i + "@127.0.0.1:" + (7000 + 2 * i));
        }
        try {
            for (int i = 0; i < size; i++) {
                ZoneSettings settings = ZoneSettings.parse(Map.of("server.id", Integer.toString(i), "servers",
                        String.join(",", entries), "tls.enabled", "false", "request.timeout.ms",
                        Long.toString(REQUEST_TIMEOUT_MS)), Path.of("memory-zone-" + id));
                // the database lives while its server's connection is open: a restart starts it empty
                MemoryServer server = new MemoryServer(settings.withDatabase(new DatabaseSettings(DatabaseType.H2,
                        null, "jdbc:h2:mem:zone" + id + "-zk" + i, null, null)), zone.engine);
                zone.servers.add(server);
                server.start();
            }
            zone.elect(0);
            return zone;
        } catch (RuntimeException | Error e) {
            zone.close();
            throw e;
        }
    }

    /** The log all servers replicate. */
    public MemoryEngine engine() {
        return engine;
    }

    public MemoryServer server(int index) {
        return servers.get(index);
    }

    public List<MemoryServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * Makes server {@code index} leader of a new term, the servers in {@code unaware} not told (they go on
     * believing what they did, a deposed leader its leadership included), and returns once it claimed that term
     * through the log and published its leadership (its leader-only components started).
     */
    public Leadership elect(int index, int... unaware) {
        MemoryServer next = servers.get(index);
        long term = engine.elect(next.name(), Arrays.stream(unaware).mapToObj(i -> servers.get(i).name())
                .toArray(String[]::new));
        Await.until(next.name() + " leads term " + term + ", claimed through the log",
                () -> next.leadership().filter(l -> l.term() == term).isPresent());
        return next.leadership().orElseThrow();
    }

    /** Returns once every running server applied the whole log (a follower may lag the leader a little). */
    public void awaitReplicated() {
        long last = engine.lastIndex();
        Await.until("every running server applied the log up to entry " + last,
                () -> engine.running().stream().allMatch(name -> engine.applied(name) >= last));
    }

    /** Stops every server, its leader-only components first. */
    @Override
    public void close() {
        servers.forEach(MemoryServer::close);
    }
}
