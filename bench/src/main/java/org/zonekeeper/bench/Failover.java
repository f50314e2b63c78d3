package org.zonekeeper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Failover time: kill -9 the leader, then time until a write is acknowledged. Each trial opens a new
 * client (given the leader's number, which it may avoid: see README.md) and writes once through it
 * before the kill, so its session or connection is ready. The clock starts just before the kill is
 * sent. Then a new write is sent whenever the previous one failed or has not been acknowledged within
 * {@value #RETRY_MS} ms (earlier ones stay pending: neither client can cancel a write), and the first
 * acknowledgement of any of them stops the clock. The killed member is started again, and the cluster
 * is whole again, before the next trial.
 */
final class Failover {

    private static final long RETRY_MS = 200;
    private static final long GIVE_UP_SECONDS = 60;

    /** One trial: the member killed, the leader after it, ms to the first acknowledged write (NaN: none), writes sent. */
    record Trial(int killed, int newLeader, double millis, int writes) {
    }

    private Failover() {
    }

    /** Stops early, after a trial without any acknowledged write. */
    static List<Trial> run(String system, Cluster cluster, IntFunction<Writer> clients, String prefix, int trials) {
        List<Trial> done = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            cluster.awaitHealthy();
            int leader = cluster.leader();
            Trial trial;
            try (Writer writer = clients.apply(leader)) {
                writer.write(prefix + t + "-before").orTimeout(GIVE_UP_SECONDS, TimeUnit.SECONDS).join();
                long killed = System.nanoTime();
                cluster.kill(leader);
                trial = firstWrite(writer, prefix + t + "-", killed, leader);
                trial = new Trial(leader, cluster.leader(), trial.millis(), trial.writes());
            }
            System.err.printf("%s: failover %d/%d: killed %d, new leader %d, first write acknowledged after %.0f ms"
                    + " (%d sent)%n", system, t + 1, trials, trial.killed(), trial.newLeader(), trial.millis(),
                    trial.writes());
            done.add(trial);
            cluster.start(leader);
            if (Double.isNaN(trial.millis())) {
                System.err.println(system + ": no write acknowledged within " + GIVE_UP_SECONDS + " s; no more trials");
                break;
            }
        }
        cluster.awaitHealthy();
        return done;
    }

    private static Trial firstWrite(Writer writer, String prefix, long since, int killed) {
        CompletableFuture<Long> first = new CompletableFuture<>();
        long deadline = since + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        int sent = 0;
        while (System.nanoTime() < deadline) {
            CompletableFuture<?> write = writer.write(prefix + sent++).whenComplete((ok, error) -> {
                if (error == null) {
                    first.complete(System.nanoTime());
                }
            });
            try {
                CompletableFuture.anyOf(first, write).get(RETRY_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // send another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (first.isDone()) {
                return new Trial(killed, -1, (first.join() - since) / 1e6, sent);
            }
        }
        return new Trial(killed, -1, Double.NaN, sent);
    }
}
