package org.zonekeeper.testkit.zone;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.replication.LocalFailureException;
import org.zonekeeper.replication.Member;
import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.replication.MemberStatus;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.replication.RoleListener;

/**
 * One server's member of a {@link MemoryEngine} log. Its thread (the "log thread" {@link #pause} holds) applies the
 * log in order, answers its linearizable reads and tells its role listener of role changes, one task at a time in
 * the order they came.
 */
final class MemoryMember implements Member {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryMember.class);
    private static final long CLOSE_WAIT_MS = 10_000;

    private final MemoryEngine engine;
    private final MemberSettings settings;
    private final ReplicatedState state;
    private final RoleListener roles;
    private final ExecutorService thread;
    /** Answers owed to submitters, by index: the entries appended while this member led. */
    private final Map<Long, CompletableFuture<byte[]>> answers = new ConcurrentHashMap<>();
    private volatile long applied;
    private volatile MemberRole role = MemberRole.FOLLOWER;
    private volatile long term;
    private volatile boolean failed;
    private volatile boolean closed;
    /** {@link System#nanoTime} until which this member's log thread is held ({@link #pause}). */
    private volatile long pausedUntil = System.nanoTime();

    MemoryMember(MemoryEngine engine, MemberSettings settings, ReplicatedState state, RoleListener roles) {
        this.engine = engine;
        this.settings = settings;
        this.state = state;
        this.roles = roles;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "memory-log-" + settings.self().name());
            t.setDaemon(true);
            return t;
        });
    }

    String name() {
        return settings.self().name();
    }

    String endpoint() {
        return settings.self().endpoint();
    }

    long applied() {
        return applied;
    }

    /** Started, and neither closed nor stopped by a local failure. */
    boolean running() {
        return !closed && !failed;
    }

    /** The answer of the entry at {@code index}, once this member applied it. */
    CompletableFuture<byte[]> expect(long index) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        answers.put(index, answer);
        return answer;
    }

    /** Applies, on this member's thread, every entry of the log it has not applied yet. */
    void catchUp() {
        run(this::applyAll);
    }

    /** Tells the role listener, on this member's thread, that it is {@code now} in {@code inTerm}. */
    void told(MemberRole now, long inTerm) {
        run(() -> {
            role = now;
            term = inTerm;
            roles.changed(now, inTerm);
        });
    }

    private void applyAll() {
        for (MemoryEngine.Entry e = engine.entry(applied + 1); e != null && running(); e = engine.entry(applied + 1)) {
            holdWhilePaused();
            byte[] answer;
            try {
                answer = state.apply(e.index(), e.time(), e.bytes());
            } catch (LocalFailureException failure) {
                stop("entry " + e.index() + " not applied: " + failure.getMessage());
                return;
            }
            applied = e.index();
            CompletableFuture<byte[]> owed = answers.remove(e.index());
            if (owed != null) {
                owed.complete(answer);
            }
        }
    }

    /** Its state failed: it applies nothing more, leads nothing and counts for nothing until started again. */
    private void stop(String why) {
        LOG.error("server {} stops applying the log at entry {}: {}", name(), applied + 1, why);
        failed = true;
        engine.stopped(this);
        answers.values().forEach(a -> a.completeExceptionally(new ZoneException("server " + name() + ": " + why)));
        answers.clear();
        role = MemberRole.INACTIVE;
        roles.changed(MemberRole.INACTIVE, term);
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                holdWhilePaused();
                task.run();
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("server {}: member closed, task dropped", name());
        }
    }

    @Override
    public byte[] submit(byte[] entry) {
        requireOpen();
        long timeout = settings.requestTimeout().toMillis();
        return await(engine.append(entry, timeout), timeout, "was not acknowledged");
    }

    @Override
    public byte[] query(byte[] query) {
        requireOpen();
        long timeout = settings.requestTimeout().toMillis();
        MemoryMember leader = engine.awaitLeader(timeout, "was not answered");
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        // after every entry appended so far: the leader's catch-ups for them are ahead in its queue
        leader.run(() -> {
            try {
                answer.complete(leader.state.query(query));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return await(answer, timeout, "was not answered");
    }

    /** The answer, within {@code timeoutMs}; a late one is {@link NoLeaderException}, as with the real engine. */
    static byte[] await(CompletableFuture<byte[]> answer, long timeoutMs, String what) {
        try {
            return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NoLeaderException("no leader elected: the request " + what + " within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ZoneException zone ? zone
                    : new ZoneException("request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZoneException("interrupted while waiting for the leader");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ZoneException("server " + name() + ": its member of the log is closed");
        }
    }

    @Override
    public MemberStatus status() {
        long last = engine.lastIndex();
        MemberRole now = running() ? role : MemberRole.INACTIVE;
        return new MemberStatus(now, term, last, last, engine.leaderEndpoint());
    }

    @Override
    public boolean leads(long inTerm) {
        return running() && role == MemberRole.LEADER && term == inTerm;
    }

    @Override
    public void removeMember(String endpoint) {
        engine.remove(endpoint);
    }

    /** Leaves leadership: the engine elects another running member at once (the test's elections aside). */
    @Override
    public void stepDown(Duration abstain) {
        engine.stepDown(this);
    }

    /** Holds the log thread from now on, as a frozen process is held: before its next task or entry. */
    @Override
    public void pause(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        pausedUntil = Math.max(pausedUntil, until);
    }

    private void holdWhilePaused() {
        for (long left = pausedUntil - System.nanoTime(); left > 0; left = pausedUntil - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.stopped(this);
        run(() -> {
            role = MemberRole.INACTIVE;
            roles.changed(MemberRole.INACTIVE, term);
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("server {}: member thread still busy after {} ms; interrupted", name(), CLOSE_WAIT_MS);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
