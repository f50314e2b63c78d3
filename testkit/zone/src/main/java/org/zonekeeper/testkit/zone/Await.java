package org.zonekeeper.testkit.zone;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for tests: a condition polled until it holds or the time is up, never an open-ended sleep. */
public final class Await {

    /** How long the in-memory zone's waits last at most. */
    public static final Duration LIMIT = Duration.ofSeconds(10);
    private static final long POLL_MS = 10;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds; throws an {@link AssertionError} naming {@code what} when it still does
     * not after {@link #LIMIT}.
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, LIMIT, condition);
    }

    /** {@link #until(String, BooleanSupplier)} with a limit of its own. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
