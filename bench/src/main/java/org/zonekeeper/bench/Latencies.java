package org.zonekeeper.bench;

import java.util.Arrays;

/** Percentiles of a set of durations, in milliseconds (nearest rank). */
record Latencies(double[] sortedMillis) {

    static Latencies ofNanos(long[] nanos) {
        return new Latencies(Arrays.stream(nanos).sorted().mapToDouble(n -> n / 1e6).toArray());
    }

    static Latencies ofMillis(double[] millis) {
        return new Latencies(Arrays.stream(millis).sorted().toArray());
    }

    double percentile(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedMillis.length);
        return sortedMillis[Math.max(0, rank - 1)];
    }

    double max() {
        return percentile(100);
    }
}
