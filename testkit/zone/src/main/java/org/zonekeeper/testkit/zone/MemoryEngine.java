package org.zonekeeper.testkit.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.replication.Member;
import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.replication.RoleListener;

/**
 * A replicated log kept in one JVM, for tests: one ordered log whose entries every started member applies to its
 * own {@link ReplicatedState}, in order, on a thread of its own. Nothing is elected by itself: the test makes a
 * server leader with {@link #elect}, which starts a new term and tells every member of its role. Writes go through
 * the leader: an entry is appended in its term and answered with what the leader's state answered, once a majority
 * of the zone's servers is running; without one (or without a leader) a write fails with
 * {@link NoLeaderException} after the request timeout, as with the real engine. A member whose state throws
 * {@code LocalFailureException} stops before the next entry (it is INACTIVE and no longer leads) until its owner
 * starts it again, which replays the log from its first entry (the state skips what it applied already). No
 * snapshots: the log is never compacted.
 */
public final class MemoryEngine implements org.zonekeeper.replication.ReplicationEngine {

    /** One log entry: its index, the term it was appended in, the leader's clock then, the bytes. */
    record Entry(long index, long term, long time, byte[] bytes) {
    }

    private final Object lock = new Object();
    private final List<Entry> log = new ArrayList<>();
    /** The members started, by server name; a closed or failed one stays until it is started again. */
    private final Map<String, MemoryMember> members = new LinkedHashMap<>();
    /** The zone's servers that count for the majority: every server a member was started with, less removals. */
    private final Set<String> voters = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    /** Every server a member was started with: its name by its endpoint. */
    private final Map<String, String> names = new HashMap<>();
    private long term;
    private MemoryMember leader;

    @Override
    public Member start(MemberSettings settings, ReplicatedState state, RoleListener roles) {
        synchronized (lock) {
            String name = settings.self().name();
            MemoryMember before = members.get(name);
            if (before != null && before.running()) {
                throw new IllegalStateException("server " + name + " already runs a member of this log");
            }
            for (ZoneServer server : settings.servers()) {
                names.put(server.endpoint(), server.name());
                if (!removed.contains(server.name())) {
                    voters.add(server.name());
                }
            }
            MemoryMember member = new MemoryMember(this, settings, state, roles);
            members.put(name, member);
            member.told(MemberRole.FOLLOWER, term);
            member.catchUp();
            lock.notifyAll();
            return member;
        }
    }

    /**
     * Makes {@code server} (a running member) leader of a new term and tells every running member its role, but
     * those named in {@code unaware}: they go on believing the role and term they had (a leader frozen or cut off
     * while another took over) until {@link #tell} reaches them. Returns the new term.
     */
    public long elect(String server, String... unaware) {
        synchronized (lock) {
            MemoryMember next = members.get(server);
            if (next == null || !next.running()) {
                throw new IllegalStateException("server " + server + " runs no member of this log");
            }
            term++;
            leader = next;
            Set<String> notTold = Set.of(unaware);
            members.values().stream().filter(MemoryMember::running).filter(m -> !notTold.contains(m.name()))
                    .forEach(this::tellLocked);
            lock.notifyAll();
            return term;
        }
    }

    /**
     * {@code member} leaves leadership, if it leads: the first other running member is elected in a new term, as
     * the others would elect one of themselves while it abstains; none running, the zone is left without a leader.
     */
    void stepDown(MemoryMember member) {
        synchronized (lock) {
            if (leader != member) {
                return;
            }
            Optional<MemoryMember> next = members.values().stream().filter(MemoryMember::running)
                    .filter(m -> m != member).findFirst();
            if (next.isPresent()) {
                elect(next.get().name());
            } else {
                leader = null;
                tellLocked(member);
            }
        }
    }

    /** Tells {@code server}'s member its role in the current term (one {@link #elect} left unaware). */
    public void tell(String server) {
        synchronized (lock) {
            MemoryMember member = members.get(server);
            if (member != null && member.running()) {
                tellLocked(member);
            }
        }
    }

    private void tellLocked(MemoryMember member) {
        member.told(member == leader ? MemberRole.LEADER : MemberRole.FOLLOWER, term);
    }

    /** The current term: 0 before the first election. */
    public long term() {
        synchronized (lock) {
            return term;
        }
    }

    /** The leader of the current term, if it still runs. */
    public Optional<String> leader() {
        synchronized (lock) {
            return Optional.ofNullable(leader).map(MemoryMember::name);
        }
    }

    /** The index of the last entry of the log. */
    public long lastIndex() {
        synchronized (lock) {
            return log.size();
        }
    }

    /** The last index {@code server}'s member applied (0: none, or no member started). */
    public long applied(String server) {
        synchronized (lock) {
            MemoryMember member = members.get(server);
            return member == null ? 0 : member.applied();
        }
    }

    /** The names of the servers whose member runs now (started, neither closed nor failed). */
    public Set<String> running() {
        synchronized (lock) {
            Set<String> names = new HashSet<>();
            members.values().stream().filter(MemoryMember::running).forEach(m -> names.add(m.name()));
            return names;
        }
    }

    /**
     * Submits {@code entry} as a client of the log would, past every server's own checks (the replication SPI used
     * directly), waiting at most {@code timeout} for a leader and its answer; returns what the leader's state
     * answered.
     */
    public byte[] submit(byte[] entry, java.time.Duration timeout) {
        return MemoryMember.await(append(entry, timeout.toMillis()), timeout.toMillis(), "was not acknowledged");
    }

    /**
     * Appends {@code bytes} in the current term once there is a leader and a running majority, waiting at most
     * {@code timeoutMs}; returns the future of the leader's answer.
     */
    CompletableFuture<byte[]> append(byte[] bytes, long timeoutMs) {
        synchronized (lock) {
            MemoryMember appender = awaitLeader(timeoutMs, "was not acknowledged");
            Entry entry = new Entry(log.size() + 1, term, System.currentTimeMillis(), bytes.clone());
            CompletableFuture<byte[]> answer = appender.expect(entry.index());
            log.add(entry);
            members.values().stream().filter(MemoryMember::running).forEach(MemoryMember::catchUp);
            return answer;
        }
    }

    /** The leader, once there is one with a running majority, waiting at most {@code timeoutMs}. */
    MemoryMember awaitLeader(long timeoutMs, String what) {
        synchronized (lock) {
            long deadline = System.currentTimeMillis() + timeoutMs;
            for (long left = timeoutMs; !quorate(); left = deadline - System.currentTimeMillis()) {
                if (left <= 0) {
                    throw new NoLeaderException("no leader elected: the request " + what + " within " + timeoutMs
                            + " ms");
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ZoneException("interrupted while waiting for the leader");
                }
            }
            return leader;
        }
    }

    private boolean quorate() {
        long up = members.values().stream().filter(m -> m.running() && voters.contains(m.name())).count();
        return leader != null && leader.running() && up > voters.size() / 2;
    }

    /** The entry at {@code index}, or null past the end of the log. */
    Entry entry(long index) {
        synchronized (lock) {
            return index <= log.size() ? log.get((int) index - 1) : null;
        }
    }

    /** The endpoint of the current leader, as a member's status names it for its vote. */
    String leaderEndpoint() {
        synchronized (lock) {
            return leader == null ? null : leader.endpoint();
        }
    }

    /** {@code member} stopped (closed, or its state failed): it no longer leads nor counts for the majority. */
    void stopped(MemoryMember member) {
        synchronized (lock) {
            if (leader == member) {
                leader = null;
            }
            lock.notifyAll();
        }
    }

    /** The server at {@code endpoint} leaves the membership: it stops counting for the majority. */
    void remove(String endpoint) {
        synchronized (lock) {
            String name = names.get(endpoint);
            if (name != null) {
                removed.add(name);
                voters.remove(name);
            }
            lock.notifyAll();
        }
    }
}
