package org.zonekeeper.replication.copycat.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atomix.copycat.server.CopycatServer;

import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberStatus;

/**
 * Reads the Raft figures Copycat keeps to itself: the last log index, the commit index and the vote
 * live in its {@code ServerContext}, which its server does not expose; the one change made there is a leader's
 * step down ({@link #becomeFollower}).
 */
final class CopycatStatus {

    private static final long ROLE_WAIT_MS = 500;

    private final CopycatServer server;
    private final Object context;
    private final Method commitIndex;
    private final Method lastVotedFor;
    private final Method log;

    CopycatStatus(CopycatServer server) {
        this.server = server;
        try {
            Field field = CopycatServer.class.getDeclaredField("context");
            field.setAccessible(true);
            context = field.get(server);
            commitIndex = accessible(context.getClass().getDeclaredMethod("getCommitIndex"));
            lastVotedFor = accessible(context.getClass().getDeclaredMethod("getLastVotedFor"));
            log = accessible(context.getClass().getDeclaredMethod("getLog"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Copycat version hides its Raft state differently: " + e, e);
        }
    }

    /** Makes a leading member a follower; call on the server's thread. False when Copycat refused it. */
    boolean becomeFollower() {
        try {
            context.getClass().getMethod("transition", CopycatServer.State.class).invoke(context,
                    CopycatServer.State.FOLLOWER);
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** This member's status: role and term read together, the log figures and the vote of that term. */
    MemberStatus status() {
        Role role = role();
        int voted = vote(role.term());
        return new MemberStatus(role.role(), role.term(), lastIndex(), commitIndex(), endpoint(voted));
    }

    /** The endpoint of the member with Copycat's id {@code id} (a hash of its address), null for none. */
    private String endpoint(int id) {
        if (id == 0) {
            return null;
        }
        try {
            return server.cluster().members().stream().filter(m -> m.id() == id)
                    .map(m -> m.serverAddress().host() + ":" + m.serverAddress().port()).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null; // the membership changing under this read: no vote shown this time
        }
    }

    private record Role(MemberRole role, long term) {
    }

    /**
     * State and term read together on the member's Raft thread, where Copycat changes both, so a leader stepping
     * down never shows as leader of the next term; read apart only when that thread does not answer within
     * {@value #ROLE_WAIT_MS} ms (a member stopped in a long pause).
     */
    private Role role() {
        CompletableFuture<Role> read = new CompletableFuture<>();
        try {
            server.context().execute(() -> read.complete(new Role(role(server.state()), server.cluster().term())));
            return read.get(ROLE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return new Role(role(server.state()), server.cluster().term());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Role(role(server.state()), server.cluster().term());
        }
    }

    private static MemberRole role(CopycatServer.State state) {
        return MemberRole.valueOf(state.name());
    }

    long commitIndex() {
        return (Long) call(commitIndex, context);
    }

    private volatile long voteTerm;
    private volatile int voteMember;

    /**
     * Keeps this term's vote: Copycat forgets it as soon as a leader is known, just after telling its
     * leader-election listeners, which call this.
     */
    void recordVote(long term) {
        voteMember = lastVotedFor();
        voteTerm = term;
    }

    /** Copycat's member id (a hash of the server address) voted for in {@code term}, 0 for none. */
    int vote(long term) {
        int live = lastVotedFor();
        return live != 0 ? live : voteTerm == term ? voteMember : 0;
    }

    private int lastVotedFor() {
        return (Integer) call(lastVotedFor, context);
    }

    long lastIndex() {
        Object raftLog = call(log, context);
        if (raftLog == null) {
            return 0;
        }
        try {
            return (Long) raftLog.getClass().getMethod("lastIndex").invoke(raftLog);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    private static Object call(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read Raft state: " + e, e);
        }
    }
}
