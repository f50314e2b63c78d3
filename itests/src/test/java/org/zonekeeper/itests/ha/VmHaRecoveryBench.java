package org.zonekeeper.itests.ha;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.HostLab;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * Not a test (its name keeps it out of the suite): bench/vm-ha.sh runs it. With the default monitoring and
 * host-error settings, the time from a host's power loss to all of its VMs RUNNING elsewhere, over TRIALS power
 * losses; then the leader's CPU spent monitoring 1,000 hosts (all answered by one agent) against none.
 */
public class VmHaRecoveryBench {
    private static final String PASSWORD = "Bench-Bmc-1";
    private static final String TOKEN = "bench-agent-token";
    private static final int HOSTS = 3;
    private static final int VMS = 6;
    private static final int TRIALS = Integer.getInteger("bench.trials", 10);
    private static final int MANY = Integer.getInteger("bench.hosts", 1000);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    /** Where the figures are written as JSON (bench/vm-ha.sh passes bench/results); none when unset. */
    private static final String RESULTS = System.getProperty("bench.results", "");
    private static final Duration LONG = Duration.ofSeconds(180);

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private LocalZone zone;
    private final List<IpmiSim> bmcs = new ArrayList<>();
    private final Process[] agents = new Process[HOSTS];
    private final int[] ports = new int[HOSTS];

    @After
    public void stopAll() {
        if (zone != null) {
            zone.close();
        }
        Arrays.stream(agents).filter(a -> a != null).forEach(HostLab::kill);
        bmcs.forEach(IpmiSim::close);
    }

    @Test
    public void recoveryTimeAndMonitoringCost() throws Exception {
        Path root = dir.getRoot().toPath();
        Path shared = Files.createDirectories(root.resolve("shared"));
        zone = LocalZone.create("bench-ha");
        zone.up(1);
        Path etc = zone.serverDir(0).resolve("etc");
        HostLab.secret(etc.resolve("secrets/bmc.password"), PASSWORD);
        for (int i = 0; i < HOSTS; i++) {
            ports[i] = HostLab.freePort();
            bmcs.add(IpmiSim.start(root.resolve("bmc-" + i), "fence", PASSWORD));
            startAgent(root, i);
            HostLab.config(etc.resolve("org.zonekeeper.fencing.device-bmc-" + i + ".cfg"), String.join("\n",
                    "driver = ipmi", "address = 127.0.0.1", "port = " + bmcs.get(i).port(), "username = fence",
                    "password.file = etc/secrets/bmc.password", "cipher = 3", "host.map = kvm-" + i, ""));
            zone.exec(0, "host:create --cpu 800 --memory 8192 --address 127.0.0.1:" + ports[i] + " kvm-" + i);
        }
        HostLab.secret(etc.resolve("agent.token"), TOKEN);
        HostLab.config(etc.resolve("org.zonekeeper.agent.cfg"), "token.file = etc/agent.token\ndisk.dir = "
                + shared + "\n");
        awaitMonitored();
        for (int v = 0; v < VMS; v++) {
            zone.exec(0, "vm:create --cpu 100 --memory 512 vm-" + v);
        }
        awaitRunning("");

        double[] millis = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            int victim = t % HOSTS;
            String host = "kvm-" + victim;
            long start = System.nanoTime();
            bmcs.get(victim).setOn(false);
            HostLab.powerLoss(agents[victim]);
            awaitRunning(host);
            millis[t] = (System.nanoTime() - start) / 1e6;
            System.out.printf("trial %d: %s lost power, its VMs ran elsewhere after %.0f ms%n", t + 1, host, millis[t]);
            bmcs.get(victim).setOn(true);
            startAgent(root, victim);
            zone.exec(0, "host:enable " + host);
            awaitMonitored();
        }
        Arrays.sort(millis);
        System.out.printf("VM HA, default settings, %d power losses: p50 %.0f ms, max %.0f ms%n", TRIALS,
                millis[(TRIALS + 1) / 2 - 1], millis[TRIALS - 1]);

        double idle = leaderCpuPercent(Duration.ofSeconds(30));
        for (int chunk = 0; chunk < MANY; chunk += 100) {
            StringBuilder line = new StringBuilder();
            for (int h = chunk; h < Math.min(MANY, chunk + 100); h++) {
                line.append(line.length() == 0 ? "" : "; ").append("host:create --address 127.0.0.1:")
                        .append(ports[0]).append(" sim-").append(h);
            }
            zone.exec(0, line.toString());
        }
        Await.until(LONG, MANY + " simulated hosts MONITORED", () -> zone.exec(0, "host:list"),
                out -> ZoneTable.rows(out, "NAME").stream().filter(r -> r.get("NAME").startsWith("sim-"))
                        .filter(r -> r.get("STATE").equals("MONITORED")).count() == MANY);
        // the first rounds are JIT-compiled as they go: measure once the code is warm
        Thread.sleep(WARM_UP.toMillis());
        double busy = leaderCpuPercent(Duration.ofSeconds(60));
        System.out.printf("leader CPU (%% of one core, 30 s / 60 s after %d s warm-up): %.1f with %d hosts, %.1f with"
                + " %d hosts%n", WARM_UP.toSeconds(), idle, HOSTS, busy, HOSTS + MANY);
        if (!RESULTS.isEmpty()) {
            Path json = Files.createDirectories(Path.of(RESULTS)).resolve(java.time.LocalDate.now() + "-vm-ha.json");
            Files.writeString(json, String.format(java.util.Locale.ROOT, "{%n  \"date\": \"%s\",%n  \"cores\": %d,%n"
                    + "  \"zone\": \"1 server, H2, default settings; %d hosts with real agents and ipmi_sim BMCs, %d VMs\",%n"
                    + "  \"what\": \"host power loss to all of its VMs RUNNING elsewhere, fencing confirmed\",%n"
                    + "  \"recovery\": {\"trials\": %d, \"p50Ms\": %.0f, \"maxMs\": %.0f, \"msSorted\": %s},%n"
                    + "  \"leaderCpuPercentOfOneCore\": {\"hosts\": %d, \"idle\": %.1f, \"simulatedHosts\": %d, "
                    + "\"busy\": %.1f}%n}%n", java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    HOSTS, VMS, TRIALS, millis[(TRIALS + 1) / 2 - 1], millis[TRIALS - 1], Arrays.toString(
                            Arrays.stream(millis).mapToLong(Math::round).toArray()).replace(" ", ""), HOSTS, idle,
                    HOSTS + MANY, busy));
            System.out.println("figures written to " + json);
        }
    }

    private void startAgent(Path root, int i) throws Exception {
        agents[i] = HostLab.startAgent(zone, root.resolve("kvm-" + i + "-" + System.nanoTime()), "kvm-" + i, ports[i],
                TOKEN);
        bmcs.get(i).whenOff("/bin/kill -KILL -- -" + agents[i].pid());
    }

    private void awaitMonitored() {
        Await.until(LONG, "every host MONITORED", () -> column("host:list", "STATE"),
                s -> s.entrySet().stream().filter(e -> e.getKey().startsWith("kvm-"))
                        .allMatch(e -> e.getValue().equals("MONITORED")));
    }

    private void awaitRunning(String notOn) {
        Await.until(LONG, "every VM RUNNING" + (notOn.isEmpty() ? "" : " off " + notOn), () -> zone.exec(0,
                "vm:list"), out -> ZoneTable.rows(out, "NAME").stream().allMatch(r -> r.get("STATE").equals("RUNNING")
                        && !r.get("HOST").equals(notOn)));
    }

    private Map<String, String> column(String command, String column) {
        return ZoneTable.rows(zone.exec(0, command), "NAME").stream()
                .collect(Collectors.toMap(r -> r.get("NAME"), r -> r.get(column)));
    }

    /** CPU time of the server's JVM over {@code window}, as a percentage of one core. */
    private double leaderCpuPercent(Duration window) throws Exception {
        String home = zone.serverDir(0).toString();
        ProcessHandle jvm = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(home) && c.contains("java")).orElse(false)).findFirst().orElseThrow();
        long before = cpuTicks(jvm.pid());
        Thread.sleep(window.toMillis());
        long after = cpuTicks(jvm.pid());
        return (after - before) / 100.0 / window.toSeconds() * 100;
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
