package org.zonekeeper.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.ipmi.internal.IpmiDriver;
import org.zonekeeper.fencing.testkit.IpmiSim;
import org.zonekeeper.testkit.Processes;

/**
 * Off + confirm latency of our ipmi driver against a real ipmi_sim BMC, side by side with Debian's fence_ipmilan
 * doing the same (it too reads the state back), alternating, the host powered on again between runs; once with
 * the agent's default power_wait and once with power_wait=0.
 * Usage: FenceIpmiBench [RUNS] (default 20).
 */
public final class FenceIpmiBench {
    private static final String PASSWORD = "Bench-Ipmi-1";

    private FenceIpmiBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("fence-ipmi-bench");
        Path agent = Processes.require("fence_ipmilan", "fence-agents");
        try (IpmiSim bmc = IpmiSim.start(dir.resolve("bmc"), "fence", PASSWORD)) {
            FenceDevice device = new FenceDevice("bench", "ipmi", "127.0.0.1", bmc.port(), "fence",
                    Secret.of(PASSWORD), Map.of("cipher", "3"), Duration.ofSeconds(10), Duration.ofSeconds(20),
                    Duration.ZERO, 1, Verification.defaults(), Map.of());
            IpmiDriver driver = new IpmiDriver();
            double[] ours = new double[runs];
            double[] theirs = new double[runs];
            double[] noWait = new double[runs];
            for (int i = 0; i < runs; i++) {
                bmc.setOn(true);
                long start = System.nanoTime();
                if (driver.off(device, "") != PowerState.OFF) {
                    throw new IllegalStateException("ipmi driver did not confirm OFF");
                }
                ours[i] = (System.nanoTime() - start) / 1e6;
                bmc.setOn(true);
                start = System.nanoTime();
                fenceIpmilan(agent, bmc.port(), "");
                theirs[i] = (System.nanoTime() - start) / 1e6;
                bmc.setOn(true);
                start = System.nanoTime();
                fenceIpmilan(agent, bmc.port(), "power_wait=0\n");
                noWait[i] = (System.nanoTime() - start) / 1e6;
                System.err.printf("run %d/%d: ours %.1f ms, fence_ipmilan %.1f ms, with power_wait=0 %.1f ms%n", i + 1,
                        runs, ours[i], theirs[i], noWait[i]);
            }
            Latencies a = Latencies.ofMillis(ours);
            Latencies b = Latencies.ofMillis(theirs);
            Latencies c = Latencies.ofMillis(noWait);
            System.out.printf("IPMI off + confirmed OFF against ipmi_sim, %d runs each (ms)%n", runs);
            System.out.printf("%-22s %8s %8s %8s%n", "client", "p50", "p90", "max");
            System.out.printf("%-22s %8.1f %8.1f %8.1f%n", "zonekeeper ipmi", a.percentile(50), a.percentile(90),
                    a.max());
            System.out.printf("%-22s %8.1f %8.1f %8.1f%n", "fence_ipmilan", b.percentile(50), b.percentile(90),
                    b.max());
            System.out.printf("%-22s %8.1f %8.1f %8.1f%n", "fence_ipmilan wait=0", c.percentile(50), c.percentile(90),
                    c.max());
            System.out.printf("ratio p50 zonekeeper/fence_ipmilan: %.2f (with power_wait=0: %.2f)%n",
                    a.percentile(50) / b.percentile(50), a.percentile(50) / c.percentile(50));
        }
    }

    private static void fenceIpmilan(Path agent, int port, String extra) throws Exception {
        Process p = new ProcessBuilder(agent.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(("action=off\nip=127.0.0.1\nipport=" + port + "\nusername=fence\npassword="
                + PASSWORD + "\nlanplus=1\ncipher=3\n" + extra).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("fence_ipmilan off failed");
        }
        // fence_ipmilan's exit 0 means it read the state back as off
    }
}
