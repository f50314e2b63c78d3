package org.zonekeeper.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings: {@code --name=value} arguments, else environment variables
 * {@code BENCH_NAME} (upper case, '-' as '_'), else the defaults below.
 */
final class Options {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("warmup", "200"),            // writes before the measured runs, not counted
            Map.entry("sequential", "2000"),       // writes with 1 in flight
            Map.entry("pipelined", "20000"),       // writes with --in-flight in flight
            Map.entry("in-flight", "64"),
            Map.entry("seconds", "60"),            // no new write after this long in one run (keeps runs bounded)
            Map.entry("kills", "10"),              // failover trials per system (0: none)
            Map.entry("failover-servers", "followers"), // servers the failover client talks to: followers, any
            Map.entry("dbs", "h2,mariadb"),        // zone databases to measure
            Map.entry("tls", "on,off"),            // the zone's TLS: each zone measured with it on, then off
            Map.entry("etcd", "true"),             // also measure a 3-member etcd
            Map.entry("raft-port", "19700"),       // ZONE_LOCAL_RAFT_PORT
            Map.entry("ssh-port", "18101"),        // ZONE_LOCAL_SSH_PORT
            Map.entry("etcd-port", "12379"),       // client port of etcd member 0 (member I: +10*I, peer: +1)
            Map.entry("dist", ""),                 // the unpacked distribution (run.sh sets it)
            Map.entry("work", ""),                 // where zones and etcd data go (run.sh sets it)
            Map.entry("results", ""),              // where the JSON figures go (run.sh: bench/results)
            Map.entry("etcd-lib", ""),             // directory of jetcd's jars (run.sh sets it)
            // join.sh (JoinBench): an empty server joining a filled zone
            Map.entry("entries", "1000000"),       // applied entries written before the join
            Map.entry("vms", "100000"),            // of which VM creates
            Map.entry("hosts", "0"),               // of which host creates (0: one host per 25 VMs)
            Map.entry("segment-entries", "4096"),  // log.segment.entries of the zone (its default)
            Map.entry("compaction-ms", "10000"),   // log.compaction.interval.ms of the zone (default 60000)
            Map.entry("join-seconds", "900"),      // the join is given up after this long
            Map.entry("commit", "unknown"));       // the commit measured, for the JSON (join.sh sets it)

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq > 2 && arg.startsWith("--") ? arg.substring(2, eq) : null;
            if (name == null || !DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: --NAME=VALUE with NAME in "
                        + DEFAULTS.keySet());
            }
            values.put(name, arg.substring(eq + 1));
        }
    }

    String string(String name) {
        String value = values.getOrDefault(name, System.getenv("BENCH_" + name.toUpperCase().replace('-', '_')));
        value = value != null ? value : DEFAULTS.get(name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int integer(String name) {
        return Integer.parseInt(string(name));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(string(name));
    }

    Path path(String name) {
        return Path.of(string(name)).toAbsolutePath();
    }

    List<String> list(String name) {
        return List.of(string(name).split(","));
    }

    /** Every setting, as name=value, for the report's header. */
    String summary() {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("warmup", "sequential", "pipelined", "in-flight", "seconds", "kills", "failover-servers",
                "dbs", "tls", "etcd")) {
            s.append(s.length() == 0 ? "" : " ").append(name).append('=').append(string(name));
        }
        return s.toString();
    }
}
