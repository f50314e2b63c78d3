package org.zonekeeper.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The used heap of another JVM, sampled with {@code jstat -gc PID MS} (used = survivors + eden + old, the
 * {@code S0U S1U EU OU} columns), from as soon as jstat can attach until {@link #close()}: the largest sample, the
 * largest old generation, and the young and full collections counted by then. A peak between two samples is missed,
 * so the largest sample is a lower bound of the real peak (each sample also sees what eden held just before a
 * collection emptied it).
 */
final class HeapSampler implements AutoCloseable {

    private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");

    private final long pid;
    private final int intervalMs;
    private final Thread reader;
    private volatile boolean closed;
    private volatile Process jstat;
    private volatile double peakKb = -1;
    private volatile double peakOldKb = -1;
    private volatile int samples;
    private volatile long youngGcs = -1;
    private volatile long fullGcs = -1;
    private volatile String problem;

    HeapSampler(long pid, int intervalMs) {
        this.pid = pid;
        this.intervalMs = intervalMs;
        this.reader = new Thread(this::sample, "jstat-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs jstat again while it cannot attach yet (a JVM that just started has no performance data yet). */
    private void sample() {
        while (!closed && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), Integer.toString(intervalMs))
                        .redirectErrorStream(true).start();
                read(jstat);
                jstat.waitFor();
            } catch (IOException e) {
                problem = "cannot run jstat: " + e.getMessage();
                return;
            } catch (InterruptedException e) {
                return;
            }
            if (samples == 0) {
                BenchZone.sleep(100);
            } else {
                return; // the JVM ended
            }
        }
    }

    private void read(Process process) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line; (line = in.readLine()) != null;) {
                List<String> cells = List.of(line.trim().split("\\s+"));
                if (header == null) {
                    if (cells.containsAll(USED)) {
                        header = cells;
                    } else {
                        problem = line; // e.g. "PID not found" while the JVM starts
                    }
                    continue;
                }
                if (cells.size() != header.size() || !cells.get(0).matches("[0-9.]+")) {
                    continue;
                }
                double used = 0;
                for (String column : USED) {
                    used += Double.parseDouble(cells.get(header.indexOf(column)));
                }
                peakKb = Math.max(peakKb, used);
                peakOldKb = Math.max(peakOldKb, Double.parseDouble(cells.get(header.indexOf("OU"))));
                youngGcs = Long.parseLong(cells.get(header.indexOf("YGC")));
                fullGcs = Long.parseLong(cells.get(header.indexOf("FGC")));
                samples++;
            }
        }
    }

    /** The largest used heap sampled, in MiB; -1 before the first sample. */
    double peakMb() {
        return peakKb < 0 ? -1 : peakKb / 1024;
    }

    /**
     * The largest old generation sampled, in MiB; -1 before the first sample. Closer to what the server keeps than
     * {@link #peakMb()}, which also counts eden's garbage before each young collection.
     */
    double peakOldMb() {
        return peakOldKb < 0 ? -1 : peakOldKb / 1024;
    }

    int samples() {
        return samples;
    }

    long youngGcs() {
        return youngGcs;
    }

    long fullGcs() {
        return fullGcs;
    }

    /** The last line jstat gave that was no sample (null if none). */
    String problem() {
        return problem;
    }

    /** The JVM's maximum heap (-XX:MaxHeapSize, from {@code jcmd PID VM.flags}) in MiB, or -1 if unknown. */
    static double maxHeapMb(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "VM.flags").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) / (1024.0 * 1024) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        Process p = jstat;
        if (p != null) {
            p.destroy();
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
