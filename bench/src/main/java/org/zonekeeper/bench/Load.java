package org.zonekeeper.bench;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes a number of records with at most N in flight, and times each write and the whole run. */
final class Load {

    /** A write not acknowledged within this time counts as failed (and the run goes on). */
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    record Result(String system, int inFlight, int writes, int failed, double seconds, Latencies latency) {
        double perSecond() {
            return (writes - failed) / seconds;
        }
    }

    private Load() {
    }

    /**
     * Up to {@code count} writes named prefix0, prefix1...; each is submitted when fewer than
     * {@code inFlight} are pending, and none after {@code maxSeconds}.
     */
    static Result run(String system, Writer writer, String prefix, int count, int inFlight, int maxSeconds) {
        Semaphore slots = new Semaphore(inFlight);
        long[] nanos = new long[count];
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long stop = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        int sent = 0;
        for (; sent < count && System.nanoTime() < stop; sent++) {
            slots.acquireUninterruptibly();
            int n = sent;
            long sentAt = System.nanoTime();
            writer.write(prefix + n).orTimeout(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((ok, error) -> {
                nanos[n] = System.nanoTime() - sentAt;
                if (error != null && failed.getAndIncrement() == 0) {
                    System.err.println(system + ": a write failed (more may follow): " + error);
                }
                slots.release();
            });
        }
        slots.acquireUninterruptibly(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(system, inFlight, sent, failed.get(), seconds, Latencies.ofNanos(Arrays.copyOf(nanos, sent)));
    }
}
