package org.zonekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one run as JSON, {@code RESULTS/<date>-writes.json}: each load and failover figure, and, where
 * etcd ran beside it, its ratio to etcd's (writes/s above 1: zonekeeper faster; latencies above 1: slower). Other
 * benchmarks write theirs through {@link #write(Path, String, Map)} ({@code <date>-join.json}).
 */
final class JsonReport {

    private static final String ETCD = "etcd";

    private JsonReport() {
    }

    static Path write(Path results, List<Load.Result> loads, Map<String, List<Failover.Trial>> failovers) {
        Map<String, Object> run = new LinkedHashMap<>();
        List<Map<String, Object>> writes = new ArrayList<>();
        for (Load.Result r : loads) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("system", r.system());
            w.put("inFlight", r.inFlight());
            w.put("writes", r.writes());
            w.put("failed", r.failed());
            w.put("writesPerSecond", r.perSecond());
            w.put("p50Ms", r.latency().percentile(50));
            w.put("p99Ms", r.latency().percentile(99));
            w.put("maxMs", r.latency().max());
            loads.stream().filter(e -> e.system().equals(ETCD) && e.inFlight() == r.inFlight() && e != r).findFirst()
                    .ifPresent(e -> w.put("ratioToEtcd", Map.of("writesPerSecond", r.perSecond() / e.perSecond(),
                            "p50", r.latency().percentile(50) / e.latency().percentile(50),
                            "p99", r.latency().percentile(99) / e.latency().percentile(99))));
            writes.add(w);
        }
        run.put("writes", writes);
        Map<String, Object> failover = new LinkedHashMap<>();
        failovers.forEach((system, trials) -> failover.put(system, Map.of("trials", trials.size(),
                "msEach", trials.stream().map(Failover.Trial::millis).toList())));
        run.put("failoverFirstWriteMs", failover);
        return write(results, "writes", run);
    }

    /** Any run's figures as {@code RESULTS/<date>-NAME.json}, after its date and the machine's cores. */
    static Path write(Path results, String name, Map<String, Object> figures) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("date", LocalDate.now().toString());
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.putAll(figures);
        try {
            Files.createDirectories(results);
            Path file = results.resolve(LocalDate.now() + "-" + name + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), run);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + results, e);
        }
    }
}
