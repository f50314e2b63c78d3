package org.zonekeeper.replication.copycat.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.client.CopycatClient;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.replication.copycat.internal.command.Answer;
import org.zonekeeper.replication.copycat.internal.command.Entry;

/** When RaftClient sends an entry again on a new session, with Copycat's client replaced by one the test drives. */
public class RaftClientTest {

    private static final Address LEADER = new Address("10.0.0.1", 9000);
    private static final Address SELF = new Address("10.0.0.2", 9000);
    private static final Address OTHER = new Address("10.0.0.3", 9000);

    private final AtomicInteger sessions = new AtomicInteger();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @After
    public void stop() {
        caller.shutdownNow();
    }

    /** Sessions whose first one never answers (it went through a frozen leader); the later ones answer at once. */
    private CopycatClient session() {
        int number = sessions.incrementAndGet();
        return (CopycatClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CopycatClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "connect" -> CompletableFuture.completedFuture(proxy);
                    case "submit" -> number == 1 ? new CompletableFuture<>()
                            : CompletableFuture.completedFuture(new Answer(new byte[] {(byte) number}));
                    case "state" -> CopycatClient.State.CONNECTED;
                    case "close" -> CompletableFuture.completedFuture(null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void anEntryUnansweredWhenALeaderIsElectedIsSentAgainAtOnceOnANewSession() throws Exception {
        RaftClient client = new RaftClient(this::session, List.of(LEADER, SELF), Duration.ofSeconds(30),
                Duration.ofSeconds(20));
        long start = System.nanoTime();
        Future<Answer> answer = caller.submit(() -> client.submit(new Entry(new byte[] {1})));
        while (sessions.get() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // the entry waits on the first session
        client.leaderElected();
        assertArrayEquals("answered through the second session", new byte[] {2},
                answer.get(5, TimeUnit.SECONDS).bytes());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue("sent again on the election, not after the 20 s attempt: " + ms + " ms", ms < 5_000);
        assertEquals(2, sessions.get());
        client.close();
    }

    @Test
    public void withoutAnElectionAnUnansweredEntryWaitsItsAttempt() throws Exception {
        RaftClient client = new RaftClient(this::session, List.of(LEADER, SELF), Duration.ofSeconds(30),
                Duration.ofMillis(300));
        long start = System.nanoTime();
        Answer answer = client.submit(new Entry(new byte[] {1}));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertArrayEquals(new byte[] {2}, answer.bytes());
        assertTrue("waited its 300 ms attempt on the first session: " + ms + " ms", ms >= 300);
        client.close();
    }

    @Test
    public void aSessionIsOpenedWithTheLeaderFollowedThenTheMemberItselfThenTheOthers() {
        List<Address> servers = List.of(OTHER, SELF, LEADER);
        assertEquals(List.of(LEADER, SELF, OTHER), CopycatParts.ordered(LEADER, SELF, servers));
        assertEquals(List.of(SELF, OTHER, LEADER).subList(0, 1), CopycatParts.ordered(null, SELF, servers)
                .subList(0, 1));
        assertEquals(List.of(SELF), CopycatParts.ordered(SELF, SELF, List.of(SELF)));
        assertEquals("a leader not among the servers is not added", 3,
                CopycatParts.ordered(new Address("10.9.9.9", 1), SELF, servers).size());
    }
}
