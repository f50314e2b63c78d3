package org.zonekeeper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.atomix.copycat.client.ServerSelectionStrategies;

import org.zonekeeper.testkit.MariaDbServer;

/**
 * The benchmark: for each zone database (H2, MariaDB) a local 3-server zone, then a 3-member etcd;
 * on each, writes with 1 and with N in flight, then failover trials. Prints the figures; see
 * README.md. Run it with run.sh.
 */
public final class Bench {

    /** Clusters still running, stopped by a shutdown hook if the benchmark is interrupted. */
    private static final Set<Cluster> RUNNING = ConcurrentHashMap.newKeySet();

    private final Options options;
    private final List<Load.Result> loads = new ArrayList<>();
    private final Map<String, List<Failover.Trial>> failovers = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        System.out.println("zonekeeper bench, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        System.out.println("settings: " + options.summary());
        System.out.println("load average at start: " + loadAverage());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Cluster::close), "bench-cleanup"));
        Bench bench = new Bench(options);
        for (String db : options.list("dbs")) {
            for (String tls : options.list("tls")) {
                if (!tls.equals("on") && !tls.equals("off")) {
                    throw new IllegalArgumentException("--tls: on, off or both (on,off), not " + tls);
                }
                boolean on = tls.equals("on");
                switch (db) {
                    case "h2" -> bench.guarded(system("H2", on), () -> bench.zone(system("H2", on), null, on));
                    case "mariadb" -> bench.guarded(system("MariaDB", on), () -> {
                        try (MariaDbServer mariadb = MariaDbServer.start()) {
                            bench.zone(system("MariaDB", on), mariadb, on);
                        }
                    });
                    case "none" -> { }
                    default -> throw new IllegalArgumentException("--dbs: h2, mariadb or none, not " + db);
                }
            }
        }
        if (options.flag("etcd")) {
            bench.guarded("etcd", bench::etcd);
        }
        Report.print(bench.loads, bench.failovers);
        if (!options.string("results").isEmpty()) {
            System.out.println("figures written to " + JsonReport.write(java.nio.file.Path.of(options.string("results")),
                    bench.loads, bench.failovers));
        }
        System.out.println();
        System.out.println("load average at end: " + loadAverage());
        bench.errors.forEach(e -> System.out.println("NOT MEASURED: " + e));
        System.exit(bench.errors.isEmpty() ? 0 : 1); // exit: client threads (Netty, Vert.x) may linger
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one system's measurements; a failure is reported and the next system is measured. */
    private void guarded(String system, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            System.err.println(system + ": failed:");
            e.printStackTrace();
            errors.add(system + ": " + e);
        }
    }

    /** A zone's name in the figures: its database, and "TLS off" when its TLS is. */
    private static String system(String db, boolean tls) {
        return "zonekeeper/" + db + (tls ? "" : " TLS off");
    }

    private void zone(String system, MariaDbServer mariadb, boolean tls) throws Exception {
        Map<String, String> db = new LinkedHashMap<>();
        if (!tls) {
            db.put("ZONE_LOCAL_CFG", "tls.enabled = false");
        }
        if (mariadb != null) {
            for (int i = 0; i < BenchZone.SIZE; i++) {
                mariadb.createDatabase("zk" + i);
            }
            db.put("ZONE_LOCAL_DB", "mysql");
            db.put("ZONE_LOCAL_DB_URL_PATTERN", "jdbc:mysql://127.0.0.1:" + mariadb.port() + "/zk%d");
            db.put("ZONE_LOCAL_DB_USER", mariadb.user());
            db.put("ZONE_LOCAL_DB_PASSWORD", mariadb.password());
        }
        Path home = options.path("work")
                .resolve((mariadb == null ? "zone-h2" : "zone-mariadb") + (tls ? "" : "-plain"));
        Path client = tls ? home.resolve("client") : null;
        progress(system, "starting 3 servers in " + home);
        try (BenchZone zone = new BenchZone(options.path("dist"), home, options.integer("raft-port"),
                options.integer("ssh-port"), db)) {
            RUNNING.add(zone);
            zone.up();
            ServerSelectionStrategies failoverServers = followersOnly()
                    ? ServerSelectionStrategies.FOLLOWERS : ServerSelectionStrategies.ANY;
            measure(system, zone, () -> new ZoneWriter(zone.members(), ServerSelectionStrategies.ANY, client),
                    leader -> new ZoneWriter(zone.members(), failoverServers, client));
        } finally {
            RUNNING.clear();
        }
    }

    private void etcd() throws Exception {
        String system = "etcd";
        Path dir = options.path("work").resolve("etcd");
        progress(system, "starting 3 members in " + dir);
        try (EtcdCluster etcd = new EtcdCluster(dir, options.integer("etcd-port"))) {
            RUNNING.add(etcd);
            etcd.up();
            Function<List<String>, Writer> clients = IsolatedLoader.etcdWriters(options.path("etcd-lib"));
            measure(system, etcd, () -> clients.apply(etcd.endpoints()),
                    leader -> clients.apply(followersOnly() ? etcd.endpointsBut(leader) : etcd.endpoints()));
        } finally {
            RUNNING.clear();
        }
    }

    /** Does the failover client talk to the followers only (not to the leader about to be killed)? */
    private boolean followersOnly() {
        String servers = options.string("failover-servers");
        if (!servers.equals("followers") && !servers.equals("any")) {
            throw new IllegalArgumentException("--failover-servers: followers or any, not " + servers);
        }
        return servers.equals("followers");
    }

    /**
     * Writes through one client, then failover trials, each with a new client from
     * {@code failoverClients} (given the leader's number).
     */
    private void measure(String system, Cluster cluster, Supplier<Writer> loadClient,
            IntFunction<Writer> failoverClients) {
        int inFlight = options.integer("in-flight");
        int seconds = options.integer("seconds");
        try (Writer writer = loadClient.get()) {
            progress(system, "warm-up, " + options.integer("warmup") + " writes");
            Load.run(system, writer, "w-", options.integer("warmup"), inFlight, seconds);
            progress(system, options.integer("sequential") + " writes (at most " + seconds + " s), 1 in flight");
            loads.add(Load.run(system, writer, "s-", options.integer("sequential"), 1, seconds));
            progress(system, options.integer("pipelined") + " writes (at most " + seconds + " s), " + inFlight
                    + " in flight");
            loads.add(Load.run(system, writer, "p-", options.integer("pipelined"), inFlight, seconds));
        }
        if (options.integer("kills") > 0) {
            progress(system, options.integer("kills") + " failover trials");
            failovers.put(system, Failover.run(system, cluster, failoverClients, "f-", options.integer("kills")));
        }
    }

    /** The machine's 1, 5 and 15 minute load averages: other work running during the benchmark shows here. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void progress(String system, String what) {
        System.err.println(system + ": " + what);
    }
}
