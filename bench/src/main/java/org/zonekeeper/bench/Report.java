package org.zonekeeper.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints the figures as plain-text tables, with zonekeeper/etcd ratios when etcd was measured. */
final class Report {

    private static final String ETCD = "etcd";

    private Report() {
    }

    static void print(List<Load.Result> loads, Map<String, List<Failover.Trial>> failovers) {
        System.out.println();
        System.out.println("WRITES (acknowledged once committed on a majority; latency from submit to acknowledgement)");
        System.out.printf("%-20s %9s %8s %7s %10s %9s %9s %9s%n",
                "SYSTEM", "IN FLIGHT", "WRITES", "FAILED", "WRITES/S", "P50 MS", "P99 MS", "MAX MS");
        for (Load.Result r : loads) {
            System.out.printf("%-20s %9d %8d %7d %10.0f %9.1f %9.1f %9.1f%n", r.system(), r.inFlight(), r.writes(),
                    r.failed(), r.perSecond(), r.latency().percentile(50), r.latency().percentile(99), r.latency().max());
        }
        List<Load.Result> etcd = loads.stream().filter(r -> r.system().equals(ETCD)).collect(Collectors.toList());
        if (!etcd.isEmpty() && loads.size() > etcd.size()) {
            System.out.println();
            System.out.println("RATIOS zonekeeper / etcd (writes/s above 1: zonekeeper faster; latency above 1: zonekeeper slower)");
            System.out.printf("%-20s %9s %10s %9s %9s%n", "SYSTEM", "IN FLIGHT", "WRITES/S", "P50", "P99");
            for (Load.Result z : loads) {
                etcd.stream().filter(e -> e.inFlight() == z.inFlight() && !etcd.contains(z)).findFirst().ifPresent(e ->
                        System.out.printf("%-20s %9d %9.2fx %8.2fx %8.2fx%n", z.system(), z.inFlight(),
                                z.perSecond() / e.perSecond(), z.latency().percentile(50) / e.latency().percentile(50),
                                z.latency().percentile(99) / e.latency().percentile(99)));
            }
        }
        if (!failovers.isEmpty()) {
            printFailovers(failovers);
        }
    }

    private static void printFailovers(Map<String, List<Failover.Trial>> failovers) {
        System.out.println();
        System.out.println("FAILOVER (kill -9 of the leader -> first acknowledged write, ms)");
        System.out.printf("%-20s %7s %7s %7s   %s%n", "SYSTEM", "TRIALS", "P50", "MAX", "EACH (killed>new leader: ms)");
        failovers.forEach((system, trials) -> {
            Latencies l = latencies(trials);
            String each = trials.stream().map(t -> String.format("%d>%d:%.0f", t.killed(), t.newLeader(), t.millis()))
                    .collect(Collectors.joining(" "));
            System.out.printf("%-20s %7d %7.0f %7.0f   %s%n", system, trials.size(), l.percentile(50), l.max(), each);
        });
        List<Failover.Trial> etcd = failovers.get(ETCD);
        if (etcd != null && failovers.size() > 1) {
            System.out.println();
            System.out.println("RATIOS zonekeeper / etcd (failover time above 1: zonekeeper slower)");
            System.out.printf("%-20s %7s %7s%n", "SYSTEM", "P50", "MAX");
            failovers.forEach((system, trials) -> {
                if (!system.equals(ETCD)) {
                    System.out.printf("%-20s %6.2fx %6.2fx%n", system,
                            latencies(trials).percentile(50) / latencies(etcd).percentile(50),
                            latencies(trials).max() / latencies(etcd).max());
                }
            });
        }
    }

    /** A trial without an acknowledged write (NaN) sorts last, so it shows as the maximum. */
    private static Latencies latencies(List<Failover.Trial> trials) {
        return Latencies.ofMillis(trials.stream().mapToDouble(t -> Double.isNaN(t.millis()) ? Double.POSITIVE_INFINITY
                : t.millis()).toArray());
    }
}
