package org.zonekeeper.testkit.zone;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.replication.LocalFailureException;
import org.zonekeeper.replication.Member;
import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.trust.Admission;

/** The in-memory log itself, over states that record what they are given. */
public class MemoryEngineTest {

    /** A state that records each entry it applies, skips what it applied already, and fails while told to. */
    private static final class Recorder implements ReplicatedState {
        final List<Long> applied = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile long failAt = -1;

        @Override
        public byte[] apply(long index, long time, byte[] entry) {
            if (index == failAt) {
                throw new LocalFailureException("disk full at " + index, null);
            }
            if (!applied.isEmpty() && index <= applied.get(applied.size() - 1)) {
                return new byte[0]; // as the zone's database: an entry applied before is not applied again
            }
            applied.add(index);
            texts.add(new String(entry, StandardCharsets.UTF_8));
            return ("applied " + index).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] query(byte[] query) {
            return Long.toString(applied.size()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void snapshot(OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean install(InputStream in) {
            throw new UnsupportedOperationException();
        }
    }

    private record Role(MemberRole role, long term) {
    }

    private final MemoryEngine engine = new MemoryEngine();
    private final List<ZoneServer> servers = List.of(new ZoneServer(0, "zk0", "127.0.0.1:7000"),
            new ZoneServer(1, "zk1", "127.0.0.1:7002"), new ZoneServer(2, "zk2", "127.0.0.1:7004"));
    private final Map<String, Recorder> states = new HashMap<>();
    private final Map<String, List<Role>> roles = new HashMap<>();
    private final Map<String, Member> members = new HashMap<>();

    @After
    public void closeAll() {
        members.values().forEach(Member::close);
    }

    private void startAll() {
        for (ZoneServer s : servers) {
            states.put(s.name(), new Recorder());
            roles.put(s.name(), new CopyOnWriteArrayList<>());
            start(s);
        }
    }

    private Member start(ZoneServer self) {
        MemberSettings settings = new MemberSettings(self, servers, false, Path.of("unused"),
                new Admission(null, () -> servers), Duration.ofMillis(500), Duration.ofMillis(150),
                Duration.ofSeconds(5), Duration.ofMillis(500), 4096, Duration.ofMinutes(1));
        List<Role> told = roles.get(self.name());
        Member member = engine.start(settings, states.get(self.name()), (role, term) -> told.add(new Role(role,
                term)));
        members.put(self.name(), member);
        return member;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void awaitAll(long index) {
        Await.until("every running member applied entry " + index,
                () -> engine.running().stream().allMatch(n -> engine.applied(n) >= index));
    }

    @Test
    public void everyReplicaAppliesTheSameEntriesInLogOrder() {
        startAll();
        engine.elect("zk0");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            sent.add("entry " + i);
            // through every member in turn: followers' writes go through the leader
            byte[] answer = members.get("zk" + (i % 3)).submit(bytes("entry " + i));
            assertEquals("the leader's answer", "applied " + i, new String(answer, StandardCharsets.UTF_8));
        }
        awaitAll(30);
        for (Recorder state : states.values()) {
            assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), state.applied);
            assertEquals(sent, state.texts);
        }
        assertArrayEquals("a linearizable read sees every acknowledged entry", bytes("30"),
                members.get("zk2").query(new byte[] {0}));
    }

    @Test
    public void aNewLeaderGetsAHigherTermAndEveryMemberIsToldItsRole() {
        startAll();
        long first = engine.elect("zk0");
        long second = engine.elect("zk1");
        assertTrue(second > first);
        Await.until("zk0 told it follows in term " + second,
                () -> roles.get("zk0").contains(new Role(MemberRole.FOLLOWER, second)));
        assertEquals(List.of(new Role(MemberRole.FOLLOWER, 0), new Role(MemberRole.LEADER, first),
                new Role(MemberRole.FOLLOWER, second)), roles.get("zk0"));
        Await.until("zk1 told it leads", () -> members.get("zk1").leads(second));
        assertFalse(members.get("zk0").leads(first));
        assertEquals(MemberRole.LEADER, members.get("zk1").status().role());
        assertEquals(second, members.get("zk2").status().term());
        assertEquals("127.0.0.1:7002", members.get("zk2").status().votedFor());

        // zk1 is frozen while zk2 takes over: it is not told, so it still believes it leads
        long third = engine.elect("zk2", "zk1");
        Await.until("zk2 told it leads", () -> members.get("zk2").leads(third));
        assertTrue("an unaware member keeps its belief", members.get("zk1").leads(second));
        engine.tell("zk1");
        Await.until("zk1 learns it follows", () -> !members.get("zk1").leads(second));
        assertEquals(new Role(MemberRole.FOLLOWER, third), roles.get("zk1").get(roles.get("zk1").size() - 1));
    }

    @Test
    public void aLocalFailureStopsTheReplicaBeforeTheNextEntryUntilItIsStartedAgain() {
        startAll();
        engine.elect("zk0");
        Recorder failing = states.get("zk1");
        failing.failAt = 3;
        for (int i = 1; i <= 5; i++) {
            members.get("zk0").submit(bytes("entry " + i));
        }
        awaitAll(5);
        assertEquals("stopped before entry 3, nothing later applied", List.of(1L, 2L), failing.applied);
        assertFalse(engine.running().contains("zk1"));
        assertEquals(MemberRole.INACTIVE, members.get("zk1").status().role());
        Await.until("zk1 told it is inactive",
                () -> roles.get("zk1").get(roles.get("zk1").size() - 1).role() == MemberRole.INACTIVE);

        failing.failAt = -1; // the disk answers again: the owner starts the member once more
        members.get("zk1").close();
        start(servers.get(1));
        Await.until("zk1 caught up", () -> engine.applied("zk1") == 5);
        assertEquals("resumed at entry 3: none skipped, none twice", LongStream.rangeClosed(1, 5).boxed().toList(),
                failing.applied);
        assertEquals(states.get("zk0").texts, failing.texts);
    }

    @Test
    public void aFailedLeaderStopsLeadingAndItsPendingWriteFails() {
        startAll();
        engine.elect("zk0");
        states.get("zk0").failAt = 1;
        assertThrows(org.zonekeeper.api.ZoneException.class, () -> members.get("zk1").submit(bytes("first")));
        assertTrue(engine.leader().isEmpty());
        assertThrows("not appended without a leader", NoLeaderException.class,
                () -> members.get("zk1").submit(bytes("second")));
        engine.elect("zk1");
        members.get("zk2").submit(bytes("third"));
        awaitAll(2);
        assertEquals("the failed leader's entry stays in the log", List.of("first", "third"),
                states.get("zk2").texts);
        assertEquals(List.of(), states.get("zk0").texts);
    }

    @Test
    public void noWriteIsAcknowledgedWithoutALeaderOrAMajority() {
        startAll();
        assertThrows("no leader elected yet", NoLeaderException.class, () -> members.get("zk0").submit(bytes("x")));
        engine.elect("zk0");
        members.get("zk1").close();
        members.get("zk0").submit(bytes("two of three run"));
        members.get("zk2").close();
        NoLeaderException e = assertThrows(NoLeaderException.class, () -> members.get("zk0").submit(bytes("y")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("no leader elected"));
    }

    @Test
    public void aPausedLeaderAnswersOnlyOnceItsLogThreadRunsAgain() {
        startAll();
        engine.elect("zk0");
        members.get("zk1").submit(bytes("first"));
        members.get("zk0").pause(Duration.ofMillis(2000));
        assertThrows("held longer than the request timeout", NoLeaderException.class,
                () -> members.get("zk1").submit(bytes("late")));
        Await.until("the leader applied the entry after its pause", () -> engine.applied("zk0") == 2);
        assertEquals(List.of("first", "late"), states.get("zk0").texts);
    }
}
