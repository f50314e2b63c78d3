package org.zonekeeper.itests.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.zonekeeper.testkit.Processes;

/** What crossed the loopback interface while something ran, captured by Debian's tcpdump into a file. */
public final class LoopbackCapture {

    /** Work done while the capture runs. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private LoopbackCapture() {
    }

    /**
     * Captures the packets {@code filter} selects (tcpdump syntax, e.g. {@code "port 8380"}) into {@code file} while
     * {@code work} runs, and returns the capture's bytes, as text (ISO-8859-1) to search for what must not be there.
     */
    public static String during(Path file, String filter, Work work) throws Exception {
        Process dump = new ProcessBuilder(Processes.require("tcpdump", "tcpdump").toString(), "-i", "lo", "-U", "-s",
                "0", "-w", file.toString(), filter).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null || !line.contains("listening on lo")) {
                throw new AssertionError("tcpdump does not listen: " + line);
            }
            work.run();
        } finally {
            Processes.kill(dump, Duration.ofSeconds(5));
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
