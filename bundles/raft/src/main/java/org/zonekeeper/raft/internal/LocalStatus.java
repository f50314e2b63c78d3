package org.zonekeeper.raft.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atomix.copycat.server.CopycatServer;

import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneServer;

/**
 * Reads the Raft figures Copycat keeps to itself: the last log index, the commit index and the vote
 * live in its package-private {@code ServerContext}.
 */
final class LocalStatus {

    private static final long ROLE_WAIT_MS = 500;

    private final CopycatServer server;
    private final Object context;
    private final Method commitIndex;
    private final Method lastVotedFor;
    private final Method log;

    LocalStatus(CopycatServer server) {
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

    /** This member's status; {@code failure} (the server is out of service) or null, {@code servers} the zone's. */
    ServerStatus of(ZoneServer self, String failure, List<ZoneServer> servers) {
        if (failure != null) {
            return new ServerStatus(self.id(), self.name(), "failed", -1, -1, -1, -1, -1, failure);
        }
        Role role = role();
        int voted = vote(role.term());
        int vote = servers.stream().filter(s -> CopycatParts.address(s.endpoint()).hashCode() == voted)
                .mapToInt(ZoneServer::id).findFirst().orElse(-1);
        return new ServerStatus(self.id(), self.name(), role.state(), role.term(), lastIndex(), commitIndex(), vote,
                -1, null);
    }

    private record Role(String state, long term) {
    }

    /**
     * State and term read together on the member's Raft thread, where Copycat changes both, so a leader stepping
     * down never shows as leader of the next term; read apart only when that thread does not answer within
     * {@value #ROLE_WAIT_MS} ms (a member stopped in a long pause).
     */
    private Role role() {
        CompletableFuture<Role> read = new CompletableFuture<>();
        try {
            server.context().execute(() -> read.complete(new Role(server.state().name().toLowerCase(),
                    server.cluster().term())));
            return read.get(ROLE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return new Role(server.state().name().toLowerCase(), server.cluster().term());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Role(server.state().name().toLowerCase(), server.cluster().term());
        }
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
