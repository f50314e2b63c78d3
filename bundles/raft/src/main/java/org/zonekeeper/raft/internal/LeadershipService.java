package org.zonekeeper.raft.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Leadership;

/**
 * Keeps the {@link Leadership} service registered exactly while this server leads. Registering starts the
 * leader-only components, which write through Raft at once: that happens on a thread of its own, never on
 * Copycat's, and in the order the role changes came.
 */
final class LeadershipService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipService.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final BundleContext context;
    private final String server;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "zonekeeper-leadership");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceRegistration<Leadership> registration;
    private long term;

    LeadershipService(BundleContext context, String server) {
        this.context = context;
        this.server = server;
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
        if (registration != null) {
            LOG.info("server {} stops leading (term {}): leader-only services stop", server, term);
            registration.unregister();
            registration = null;
        }
        term = leading;
        if (leading > 0) {
            LOG.info("server {} leads term {}: leader-only services start", server, leading);
            long t = leading;
            registration = context.registerService(Leadership.class, new Leadership() {
                @Override
                public String server() {
                    return server;
                }

                @Override
                public long term() {
                    return t;
                }
            }, null);
        }
    }

    /** Stops leading and waits (bounded) until the leader-only components have stopped. */
    @Override
    public void close() {
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
