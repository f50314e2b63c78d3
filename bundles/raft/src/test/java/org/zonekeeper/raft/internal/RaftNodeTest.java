package org.zonekeeper.raft.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.raft.internal.command.CreateHost;
import org.zonekeeper.raft.internal.command.DeleteHost;

/** Three real Copycat members on loopback in one JVM, each with its own H2 database. */
public class RaftNodeTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<RaftNode> nodes = new ArrayList<>();
    /** The term each server last said it leads, 0 when it said it does not. */
    private final Map<Integer, Long> leading = new java.util.concurrent.ConcurrentHashMap<>();
    private String servers;

    @After
    public void closeAll() {
        nodes.forEach(RaftNode::close);
    }

    private void startZone(int size) throws IOException {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(i + "=zk" + i + "@127.0.0.1:" + freePortPair());
        }
        servers = String.join(",", entries);
        for (int i = 0; i < size; i++) {
            nodes.add(start(i));
        }
    }

    private RaftNode start(int id) throws IOException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.id", Integer.toString(id));
        properties.put("servers", servers);
        properties.put("data.dir", folder.getRoot().toPath().resolve("zk" + id).toString());
        properties.put("request.timeout.ms", "3000");
        return new RaftNode(ZoneSettings.parse(properties, Path.of("unused")), () -> { },
                term -> leading.put(id, term));
    }

    private static int freePortPair() throws IOException {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
    }

    private static HostSpec host(String name) {
        return new HostSpec(name, "default", 800, 16384, "kvm", "kvm");
    }

    /** The leader applies an entry before it answers, so the highest applied index covers every answered write. */
    private long highestApplied() {
        return nodes.stream().mapToLong(n -> n.database().appliedIndex()).max().orElseThrow();
    }

    private static void awaitApplied(List<RaftNode> members, long index) throws InterruptedException {
        for (int i = 0; i < 600 && members.stream().anyMatch(n -> n.database().appliedIndex() < index); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    public void writesOnAnyServerReachEveryDatabaseInTheSameOrder() throws Exception {
        startZone(3);
        for (int i = 0; i < 9; i++) {
            nodes.get(i % 3).submit(new CreateHost(host("h" + i))).item();
        }
        ZoneException refused = assertThrows(ZoneException.class,
                () -> nodes.get(1).submit(new DeleteHost("nope")).item());
        assertEquals("no host 'nope'", refused.getMessage());

        long index = highestApplied();
        awaitApplied(nodes, index);
        String digest = nodes.get(0).database().digest();
        for (RaftNode node : nodes) {
            assertEquals(9, node.database().hosts().size());
            assertEquals(digest, node.database().digest());
        }
        long leaders = nodes.stream().map(RaftNode::localStatus).filter(s -> s.state().equals("leader")).count();
        assertEquals(1, leaders);
        ServerStatus leader = nodes.stream().map(RaftNode::localStatus).filter(s -> s.state().equals("leader"))
                .findFirst().orElseThrow();
        assertEquals("a leader voted for itself", leader.id(), leader.vote());
        assertEquals("only the leader holds leadership: " + leading, Map.of(leader.id(), leader.term()),
                leading.entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        ServerStatus follower = nodes.stream().map(RaftNode::localStatus).filter(s -> s.state().equals("follower"))
                .findFirst().orElseThrow();
        assertTrue("commit index " + follower.commit(), follower.commit() >= index - 5);
    }

    @Test
    public void restartedServerAppliesNothingTwice() throws Exception {
        startZone(3);
        for (int i = 0; i < 5; i++) {
            nodes.get(0).submit(new CreateHost(host("h" + i))).item();
        }
        awaitApplied(nodes, highestApplied());
        nodes.get(2).close();
        nodes.set(2, start(2));
        nodes.get(0).submit(new CreateHost(host("after"))).item();
        awaitApplied(nodes, highestApplied());
        assertEquals(6, nodes.get(2).database().hosts().size());
        assertEquals(nodes.get(0).database().digest(), nodes.get(2).database().digest());
    }

    @Test
    public void withoutMajorityWritesFailWithNoLeader() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("h0"))).item();
        nodes.remove(2).close();
        nodes.remove(1).close();
        long start = System.nanoTime();
        NoLeaderException e = assertThrows(NoLeaderException.class,
                () -> nodes.get(0).submit(new CreateHost(host("lost"))).item());
        assertTrue(e.getMessage(), e.getMessage().startsWith("no leader elected"));
        assertTrue("bounded by request.timeout.ms", System.nanoTime() - start < 10_000_000_000L);
    }
}
