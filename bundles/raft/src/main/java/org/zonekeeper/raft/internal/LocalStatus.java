package org.zonekeeper.raft.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import io.atomix.copycat.server.CopycatServer;

/**
 * Reads the Raft figures Copycat keeps to itself: the last log index, the commit index and the vote
 * live in its package-private {@code ServerContext}.
 */
final class LocalStatus {

    private final Object context;
    private final Method commitIndex;
    private final Method lastVotedFor;
    private final Method log;

    LocalStatus(CopycatServer server) {
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

    long commitIndex() {
        return (Long) call(commitIndex, context);
    }

    /** Copycat's member id (a hash of the server address) voted for in the current term, 0 for none. */
    int lastVotedFor() {
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
