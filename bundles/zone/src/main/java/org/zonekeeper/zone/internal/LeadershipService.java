package org.zonekeeper.zone.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.ZoneException;

/**
 * Keeps the {@link Leadership} service published (registered, in a running server) exactly while this server leads
 * a term it has claimed. A new
 * leader first claims its term through the log ({@code LeadTerm}, retried while it still leads), so its
 * leader-only components start only on state applied after every decision of the leaders before it, and those
 * leaders' later decisions are refused. Registering starts the leader-only components, which write through Raft at
 * once: that happens on a thread of its own, never on Copycat's, and in the order the role changes came.
 */
final class LeadershipService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipService.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final Function<Leadership, Runnable> publish;
    private final String server;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "zonekeeper-leadership");
        thread.setDaemon(true);
        return thread;
    });
    /** Withdraws the published Leadership; null while none is. */
    private Runnable withdraw;
    private long term;
    private volatile ZoneMember node;
    private volatile boolean closed;

    /**
     * {@code publish} makes a claimed leadership known (registers it as a service) and returns what withdraws it;
     * both are called on this service's own thread, in the order the role changes came.
     */
    LeadershipService(Function<Leadership, Runnable> publish, String server) {
        this.publish = publish;
        this.server = server;
    }

    /** The member that claims terms; until it is set, a claim waits. */
    void claimsThrough(ZoneMember member) {
        this.node = member;
    }

    /** The term this server now leads, or 0 when it does not lead. */
    void changed(long leading) {
        try {
            changes.execute(() -> apply(leading));
        } catch (RejectedExecutionException e) {
            // closed: the server is stopping and leads nothing any more
        }
    }

    private void apply(long leading) {
        if (leading == term) {
            return;
        }
        if (withdraw != null) {
            LOG.info("server {} stops leading (term {}): leader-only services stop", server, term);
            withdraw.run();
            withdraw = null;
        }
        term = leading;
        if (leading > 0 && claim(leading)) {
            LOG.info("server {} leads term {}: leader-only services start", server, leading);
            long t = leading;
            withdraw = publish.apply(new Leadership() {
                @Override
                public String server() {
                    return server;
                }

                @Override
                public long term() {
                    return t;
                }

                @Override
                public void giveWay(String why) {
                    ZoneMember member = node;
                    if (member != null) {
                        member.giveWay(t, why);
                    }
                }
            });
        }
    }

    /** Claims {@code leading}, retrying while this server still leads it; false once it does not. */
    private boolean claim(long leading) {
        for (int attempt = 1; !closed; attempt++) {
            ZoneMember member = node;
            if (member != null && !member.leads(leading)) {
                break;
            }
            try {
                if (member != null && member.claim(leading)) {
                    return true;
                }
            } catch (ZoneException e) {
                LOG.warn("server {} could not claim term {} yet (attempt {}): {}", server, leading, attempt,
                        e.getMessage());
            }
            try {
                Thread.sleep(Math.min(100L * attempt, 1000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        LOG.info("server {} no longer leads term {}: its leader-only services do not start", server, leading);
        return false;
    }

    /** Stops leading and waits (bounded) until the leader-only components have stopped. */
    @Override
    public void close() {
        closed = true;
        try {
            changes.submit(() -> apply(0)).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("leader-only services of {} did not stop cleanly: {}", server, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            changes.shutdown();
        }
    }
}
