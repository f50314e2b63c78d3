package org.zonekeeper.ha.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.ZoneException;

/**
 * The workflow's steps, off its tick thread: at most {@code max.concurrent} at a time, and at most one at a time
 * for the same key (a host, a VM). A step refused by the zone ({@link ZoneException}) is logged and taken again on
 * a later tick.
 */
final class StepPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepPool.class);

    private final ExecutorService steps;

    StepPool(int maxConcurrent) {
        this.steps = Executors.newFixedThreadPool(maxConcurrent, r -> {
            Thread t = new Thread(r, "zonekeeper-ha-step");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} unless work for the same {@code key} in {@code running} is still under way. */
    void once(Set<Long> running, long key, String what, Runnable work) {
        if (!running.add(key)) {
            return;
        }
        try {
            steps.execute(() -> {
                try {
                    work.run();
                } catch (ZoneException e) {
                    LOG.warn("{}: step not done yet: {}", what, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("{}: step failed", what, e);
                } finally {
                    running.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(key);
        }
    }

    /** A set of keys for {@link #once}. */
    static Set<Long> keys() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public void close() {
        steps.shutdownNow();
    }
}
