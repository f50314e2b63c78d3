package org.zonekeeper.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.atomix.copycat.client.ServerSelectionStrategies;

import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.model.CreateHost;
import org.zonekeeper.model.CreateVm;
import org.zonekeeper.model.SetHostEnabled;
import org.zonekeeper.model.SetVmHa;
import org.zonekeeper.model.ZoneCommand;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.ZoneTable;

/**
 * An empty server joining a filled zone (issue 8): a local zone of 3 servers (H2) is filled with {@code --entries}
 * applied entries (hosts, then {@code --vms} VM creates, then host enable/disable and VM HA priority changes), all
 * servers applied them and compacted their Raft log; then a 4th, empty server is added ({@code zone-local add}) and
 * the time from its JVM's start until its applied index and database digest equal the leader's is measured, with its
 * used heap sampled by jstat. Prints a table and writes {@code RESULTS/<date>-join.json}. Run it with join.sh.
 */
public final class JoinBench {

    private static final int IN_FLIGHT = 64;
    private static final long WRITE_TIMEOUT_SECONDS = 30;
    private static final int NEW_SERVER = BenchZone.SIZE;
    private static final Pattern SNAPSHOT_FILE = Pattern.compile("-(\\d+)-\\d+\\.snapshot$");
    private static final Pattern INSTALLED = Pattern.compile("installed a snapshot: the database is at entry (\\d+)");

    private final Options options;
    private final BenchZone zone;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private JoinBench(Options options, BenchZone zone) {
        this.options = options;
        this.zone = zone;
    }

    /** A server's applied index and digest, from zone:digest. */
    private record Digest(long applied, String digest) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int entries = options.integer("entries");
        int vms = options.integer("vms");
        int hosts = options.integer("hosts") > 0 ? options.integer("hosts") : Math.max(1, vms / 25);
        if (vms < 0 || hosts + vms > entries) {
            throw new IllegalArgumentException("--entries (" + entries + ") must cover the hosts (" + hosts
                    + ") and VMs (" + vms + ")");
        }
        String start = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        System.out.println("zonekeeper join bench, " + start + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version() + ", commit " + options.string("commit"));
        System.out.println("entries=" + entries + " hosts=" + hosts + " vms=" + vms + " log.segment.entries="
                + options.integer("segment-entries") + " log.compaction.interval.ms=" + options.integer("compaction-ms"));
        String loadAtStart = Bench.loadAverage();
        System.out.println("load average at start: " + loadAtStart);
        Path home = options.path("work").resolve("zone");
        Map<String, String> env = Map.of("ZONE_LOCAL_CFG", "log.segment.entries = " + options.integer("segment-entries")
                + "\nlog.compaction.interval.ms = " + options.integer("compaction-ms"));
        int status = 1;
        try (BenchZone zone = new BenchZone(options.path("dist"), home, options.integer("raft-port"),
                options.integer("ssh-port"), env)) {
            Runtime.getRuntime().addShutdownHook(new Thread(zone::close, "join-bench-cleanup"));
            JoinBench bench = new JoinBench(options, zone);
            bench.figures.put("commit", options.string("commit"));
            bench.figures.put("zone", "3 servers (H2, TLS on, default heap), then a 4th joins; log.segment.entries "
                    + options.integer("segment-entries") + ", log.compaction.interval.ms "
                    + options.integer("compaction-ms"));
            bench.figures.put("entries", entries);
            bench.figures.put("hosts", hosts);
            bench.figures.put("vms", vms);
            bench.figures.put("loadAverageAtStart", loadAtStart);
            progress("starting 3 servers in " + home);
            zone.up();
            bench.fill(entries, hosts, vms);
            Digest leader = bench.awaitSameState();
            bench.awaitCompacted(leader.applied());
            boolean ok = bench.join();
            bench.figures.put("loadAverageAtEnd", Bench.loadAverage());
            bench.print();
            System.out.println("figures written to " + JsonReport.write(options.path("results"), "join", bench.figures));
            System.out.println("load average at end: " + Bench.loadAverage());
            status = ok ? 0 : 1;
        }
        System.exit(status); // exit: client threads (Netty) may linger
    }

    /** Writes hosts, then VMs on them, then state changes, {@value #IN_FLIGHT} in flight, until {@code entries}. */
    private void fill(int entries, int hosts, int vms) {
        long start = System.nanoTime();
        int failed;
        try (ZoneWriter writer = new ZoneWriter(zone.members(), ServerSelectionStrategies.ANY,
                zone.home().resolve("client"))) {
            int changes = entries - hosts - vms;
            failed = phase(writer, "host creates", hosts, i -> new CreateHost(new HostSpec(host(i), "bench", 64,
                    262144, "kvm", "kvm")), start, 0, entries);
            failed += phase(writer, "VM creates", vms, i -> new CreateVm(new VmSpec("jv-" + i, 2, 4096, 20480,
                    "debian-12", host(i % hosts))), start, hosts, entries);
            // operators' changes: a host disabled, later enabled again; a VM's HA priority set (a new one each pass)
            failed += phase(writer, "host and VM changes", changes, i -> i % 2 == 0 || vms == 0
                    ? new SetHostEnabled(host(i / 2 % hosts), i / 2 / hosts % 2 == 1)
                    : new SetVmHa("jv-" + i / 2 % vms, true, 1 + i / 2 / vms % SetVmHa.MAX_PRIORITY),
                    start, hosts + vms, entries);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        figures.put("fill", ordered("seconds", round(seconds), "writesPerSecond", round(entries / seconds),
                "failed", failed));
        progress(String.format("filled: %d entries in %.0f s (%.0f/s), %d failed", entries, seconds,
                entries / seconds, failed));
    }

    private static String host(int i) {
        return "jh-" + i;
    }

    /** {@code count} commands, at most {@value #IN_FLIGHT} in flight; returns how many failed or were refused. */
    private static int phase(ZoneWriter writer, String what, int count, IntFunction<ZoneCommand> command, long start,
            int before, int total) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < count; i++) {
            slots.acquireUninterruptibly();
            writer.submit(command.apply(i)).orTimeout(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .whenComplete((ok, error) -> {
                        if (error != null && failed.getAndIncrement() < 5) {
                            System.err.println(what + ": a write failed: " + error);
                        }
                        slots.release();
                    });
            if (System.nanoTime() > nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(10);
                double seconds = (System.nanoTime() - start) / 1e9;
                int done = before + i + 1 - (IN_FLIGHT - slots.availablePermits());
                progress(String.format("fill: %d/%d entries (%s %d/%d), %.0f s, %.0f/s, %d failed", done, total, what,
                        i + 1, count, seconds, done / seconds, failed.get()));
            }
        }
        slots.acquireUninterruptibly(IN_FLIGHT);
        return failed.get();
    }

    private Digest digest(int server) {
        Map<String, String> row = ZoneTable.rows(zone.exec(server, "zone:digest"), "APPLIED").get(0);
        return new Digest(Long.parseLong(row.get("APPLIED")), row.get("DIGEST"));
    }

    /** Waits until the 3 servers have applied the same entries (same index, same digest); returns the leader's. */
    private Digest awaitSameState() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            List<Digest> all = new ArrayList<>();
            for (int i = 0; i < BenchZone.SIZE; i++) {
                all.add(digest(i));
            }
            if (all.stream().distinct().count() == 1) {
                progress("all 3 servers at applied index " + all.get(0).applied() + ", digest " + all.get(0).digest());
                figures.put("appliedIndexBeforeJoin", all.get(0).applied());
                return all.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("servers still differ after 10 minutes: " + all);
            }
            progress("waiting for every server to apply everything: " + all);
            BenchZone.sleep(2000);
        }
    }

    private Path raftDir(int server) {
        return zone.serverDir(server).resolve("data/zonekeeper/raft");
    }

    /** A server's Raft directory: its newest snapshot's index, its log segments, how many of them it compacted. */
    private record RaftFiles(long snapshotIndex, int segments, int covered, int compacted) {
        /** Every segment the snapshot covers (there is one at least) was rewritten by a compaction. */
        boolean isCompacted() {
            return covered > 0 && compacted == covered;
        }
    }

    /**
     * Reads server's Raft directory: snapshots are {@code NAME-INDEX-TIME.snapshot}, log segments
     * {@code NAME-ID-VERSION.log} whose 64-byte header holds (big-endian) the id, the version and the first index.
     * A segment is covered by the snapshot when the next segment starts at most one entry after it; a compaction
     * (minor or major) rewrites a segment with a higher version.
     */
    private RaftFiles raftFiles(int server) {
        try (Stream<Path> files = Files.list(raftDir(server))) {
            long snapshot = 0;
            List<long[]> segments = new ArrayList<>(); // first index, version
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Matcher m = SNAPSHOT_FILE.matcher(name);
                if (m.find()) {
                    snapshot = Math.max(snapshot, Long.parseLong(m.group(1)));
                } else if (name.endsWith(".log")) {
                    try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
                        in.readLong(); // id
                        long version = in.readLong();
                        segments.add(new long[] {in.readLong(), version});
                    } catch (IOException gone) {
                        // replaced by a compaction while listed
                    }
                }
            }
            segments.sort(Comparator.comparingLong(seg -> seg[0]));
            int covered = 0;
            int compacted = 0;
            for (int i = 0; i + 1 < segments.size(); i++) {
                if (segments.get(i + 1)[0] - 1 <= snapshot) {
                    covered++;
                    compacted += segments.get(i)[1] > 1 ? 1 : 0;
                }
            }
            return new RaftFiles(snapshot, segments.size(), covered, compacted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until each server holds a snapshot within two segments of {@code applied} and has compacted every log
     * segment the snapshot covers; gives up after 12 compaction intervals and a minute, and says so.
     */
    private void awaitCompacted(long applied) {
        int segment = options.integer("segment-entries");
        List<RaftFiles> now = new ArrayList<>();
        long waitMs = 12L * options.integer("compaction-ms") + 60_000;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(waitMs);
        boolean compacted = false;
        while (!compacted && System.nanoTime() < deadline) {
            now.clear();
            for (int i = 0; i < BenchZone.SIZE; i++) {
                now.add(raftFiles(i));
            }
            compacted = now.stream().allMatch(r -> r.snapshotIndex() >= applied - 2L * segment && r.isCompacted());
            if (!compacted) {
                BenchZone.sleep(2000);
            }
        }
        List<Map<String, Object>> servers = new ArrayList<>();
        for (int i = 0; i < BenchZone.SIZE; i++) {
            RaftFiles r = now.get(i);
            servers.add(ordered("server", i, "snapshotIndex", r.snapshotIndex(), "segments", r.segments(),
                    "segmentsCoveredBySnapshot", r.covered(), "segmentsCompacted", r.compacted()));
            progress("server " + i + ": snapshot at index " + r.snapshotIndex() + ", " + r.segments()
                    + " log segments, " + r.compacted() + " of the " + r.covered() + " the snapshot covers compacted");
        }
        figures.put("compactedBeforeJoin", compacted);
        figures.put("compactionWaitSeconds", round((System.nanoTime() - start) / 1e9));
        figures.put("raftBeforeJoin", servers);
        progress(compacted ? "every server compacted its log" : "NOT every server compacted within " + waitMs / 1000
                + " s; joining anyway");
    }

    /** Adds server 3 and measures its catch-up; false if it did not catch up in time. */
    private boolean join() throws Exception {
        int leader = zone.leader();
        long addStart = System.currentTimeMillis();
        progress("adding an empty server (zone-local add zk" + NEW_SERVER + "), leader is server " + leader);
        CompletableFuture<String> added = CompletableFuture.supplyAsync(() -> zone.add("zk" + NEW_SERVER));
        long pid = awaitPid(added);
        long jvmStart = startMillis(pid);
        Map<String, Object> join = new LinkedHashMap<>();
        join.put("leader", leader);
        join.put("serverAddToJvmStartMs", jvmStart - addStart);
        long shellMs = -1;
        long logCaughtUpMs = -1;
        Digest leaderState = null;
        Digest mine = null;
        long caughtUpMs = -1;
        long deadline = jvmStart + options.integer("join-seconds") * 1000L;
        try (HeapSampler heap = new HeapSampler(pid, 200)) {
            long nextReport = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                if (added.isCompletedExceptionally()) {
                    added.join(); // throws zone-local's failure
                }
                if (shellMs < 0 && added.isDone()) {
                    shellMs = System.currentTimeMillis() - jvmStart;
                }
                Map<String, String> row = null;
                Map<String, String> leaderRow = null;
                try {
                    String show = zone.exec(leader, "zone:show");
                    row = ZoneTable.server(show, NEW_SERVER);
                    leaderRow = ZoneTable.server(show, leader);
                } catch (ZoneLocalException | AssertionError notYet) {
                    // the status row appears once zone:server-add is applied
                }
                boolean logCaughtUp = row != null && row.get("INDEX").matches("\\d+")
                        && Long.parseLong(row.get("INDEX")) >= Long.parseLong(leaderRow.get("INDEX"));
                if (logCaughtUp && logCaughtUpMs < 0) {
                    logCaughtUpMs = System.currentTimeMillis() - jvmStart;
                }
                if (logCaughtUp && shellMs >= 0) {
                    if (leaderState == null) {
                        leaderState = digest(leader);
                    }
                    mine = digest(NEW_SERVER);
                    if (mine.applied() > leaderState.applied()) {
                        leaderState = digest(leader); // the leader applied more since (e.g. a term claimed)
                    }
                    if (mine.equals(leaderState)) {
                        caughtUpMs = System.currentTimeMillis() - jvmStart;
                        break;
                    }
                }
                if (System.currentTimeMillis() > nextReport) {
                    nextReport += 10_000;
                    progress(String.format("join: %.0f s, new server %s, leader %s, heap peak so far %.0f MiB",
                            (System.currentTimeMillis() - jvmStart) / 1000.0, row, leaderRow == null ? null
                                    : leaderRow.get("INDEX"), heap.peakMb()));
                }
                BenchZone.sleep(1000);
            }
            join.put("jvmStartToShellMs", shellMs);
            join.put("jvmStartToLogCaughtUpMs", logCaughtUpMs);
            join.put("jvmStartToCaughtUpMs", caughtUpMs);
            join.put("caughtUp", caughtUpMs >= 0);
            join.put("appliedIndex", mine == null ? -1 : mine.applied());
            join.put("leaderAppliedIndex", leaderState == null ? -1 : leaderState.applied());
            join.put("digestEqual", caughtUpMs >= 0);
            join.put("peakHeapUsedMb", round(heap.peakMb()));
            join.put("peakOldGenUsedMb", round(heap.peakOldMb()));
            join.put("heapSamples", heap.samples());
            join.put("youngGcs", heap.youngGcs());
            join.put("fullGcs", heap.fullGcs());
            if (heap.samples() == 0) {
                join.put("heapProblem", String.valueOf(heap.problem()));
            }
            join.put("maxHeapMb", round(HeapSampler.maxHeapMb(pid)));
        }
        long installedAt = snapshotInstalled();
        join.put("bySnapshot", installedAt >= 0);
        join.put("snapshotIndex", installedAt);
        join.put("entriesAfterSnapshot", installedAt >= 0 && mine != null ? mine.applied() - installedAt : -1);
        figures.put("join", join);
        return caughtUpMs >= 0;
    }

    /** The pid of the new server's JVM, once zone-local launched it. */
    private long awaitPid(CompletableFuture<String> added) throws IOException {
        Path pidFile = zone.serverDir(NEW_SERVER).resolve("karaf.pid");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (added.isCompletedExceptionally()) {
                added.join();
            }
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (text.matches("\\d+")) {
                    long pid = Long.parseLong(text);
                    Path cmdline = Path.of("/proc/" + pid + "/cmdline");
                    if (Files.exists(cmdline) && Files.readString(cmdline).replace('\0', ' ')
                            .contains("-Dkaraf.base=" + zone.serverDir(NEW_SERVER).toRealPath())) {
                        return pid;
                    }
                }
            }
            BenchZone.sleep(20);
        }
        throw new IllegalStateException("the new server's JVM did not start within 3 minutes");
    }

    /** When process {@code pid} started, in epoch milliseconds (/proc/PID/stat, clock ticks since boot). */
    private static long startMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[19]); // field 22 of stat; fields[0] is field 3
        long bootSeconds = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
        return bootSeconds * 1000 + ticks * 10; // USER_HZ is 100 on Linux
    }

    /** The index at which the new server installed a snapshot (its karaf.log), or -1. */
    private long snapshotInstalled() throws IOException {
        Path log = zone.serverDir(NEW_SERVER).resolve("data/log/karaf.log");
        if (!Files.exists(log)) {
            return -1;
        }
        long index = -1;
        Matcher m = INSTALLED.matcher(Files.readString(log));
        while (m.find()) {
            index = Long.parseLong(m.group(1));
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private void print() {
        Map<String, Object> fill = (Map<String, Object>) figures.get("fill");
        Map<String, Object> join = (Map<String, Object>) figures.get("join");
        System.out.println();
        System.out.println("FILL (entries applied on 3 servers, " + IN_FLIGHT + " in flight through one client)");
        System.out.printf("%10s %8s %8s %10s %8s %12s%n", "ENTRIES", "HOSTS", "VMS", "SECONDS", "WRITES/S",
                "COMPACTED");
        System.out.printf("%10d %8d %8d %10s %8s %12s%n", figures.get("entries"), figures.get("hosts"),
                figures.get("vms"), fill.get("seconds"), fill.get("writesPerSecond"), figures.get("compactedBeforeJoin"));
        System.out.println();
        System.out.println("JOIN of an empty 4th server (times from its JVM's start; heap sampled every 200 ms)");
        System.out.printf("%8s %10s %10s %12s %12s %12s %12s %10s %14s %8s%n", "SHELL S", "LOG S", "CAUGHT S",
                "PEAK HEAP MB", "PEAK OLD MB", "MAX HEAP MB", "BY SNAPSHOT", "SNAP AT", "REPLAYED AFTER", "FULL GC");
        System.out.printf("%8.1f %10.1f %10.1f %12s %12s %12s %12s %10s %14s %8s%n",
                ((Number) join.get("jvmStartToShellMs")).longValue() / 1000.0,
                ((Number) join.get("jvmStartToLogCaughtUpMs")).longValue() / 1000.0,
                ((Number) join.get("jvmStartToCaughtUpMs")).longValue() / 1000.0, join.get("peakHeapUsedMb"),
                join.get("peakOldGenUsedMb"), join.get("maxHeapMb"), join.get("bySnapshot"), join.get("snapshotIndex"),
                join.get("entriesAfterSnapshot"), join.get("fullGcs"));
        System.out.println("caught up: " + join.get("caughtUp") + " (applied index " + join.get("appliedIndex")
                + ", leader's " + join.get("leaderAppliedIndex") + ", digests equal: " + join.get("digestEqual") + ")");
    }

    /** A map of names and values in the order given (the JSON keeps it). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void progress(String what) {
        System.err.println(java.time.LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + what);
    }
}
