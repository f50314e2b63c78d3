package org.zonekeeper.monitor.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostReport;

/**
 * Probes a set of hosts at once, at most {@code maxConcurrent} in flight, and waits for every answer or failure.
 * A probe that has not completed by its timeout counts as failed.
 */
final class ProbeRound {

    /** What one probe gave: a report, or why there is none. */
    record Outcome(Host host, HostReport report, String failure) {
        boolean answered() {
            return report != null;
        }
    }

    private final HostProbe probe;
    private final int maxConcurrent;
    private final Duration timeout;

    ProbeRound(HostProbe probe, int maxConcurrent, Duration timeout) {
        this.probe = probe;
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
    }

    List<Outcome> run(List<Host> hosts) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxConcurrent);
        Map<Host, CompletableFuture<HostReport>> probes = new LinkedHashMap<>();
        for (Host host : hosts) {
            inFlight.acquire();
            CompletableFuture<HostReport> answer;
            try {
                answer = probe.probe(host, timeout).toCompletableFuture()
                        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((r, e) -> inFlight.release());
            probes.put(host, answer);
        }
        return probes.entrySet().stream().map(p -> outcome(p.getKey(), p.getValue())).toList();
    }

    private static Outcome outcome(Host host, CompletableFuture<HostReport> answer) {
        try {
            return new Outcome(host, answer.join(), null);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof java.util.concurrent.TimeoutException ? "no answer in time"
                    : cause.getMessage() == null ? cause.toString() : cause.getMessage();
            return new Outcome(host, null, why);
        }
    }
}
