package org.zonekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three etcd processes (Debian's etcd-server) on loopback, each with its own data directory:
 * member I serves clients on {@code basePort + 10*I} and peers on the next port. The election
 * timeout is the zone's default (500 ms; etcd's own default is 1000 ms), the heartbeat 100 ms.
 */
final class EtcdCluster implements Cluster {

    private static final int SIZE = 3;
    private static final int TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final int basePort;
    private final Process[] members = new Process[SIZE];

    EtcdCluster(Path dir, int basePort) throws IOException {
        this.dir = dir;
        this.basePort = basePort;
        new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().onExit().join();
        Files.createDirectories(dir);
    }

    void up() {
        for (int i = 0; i < SIZE; i++) {
            start(i);
        }
        awaitHealthy();
    }

    /** http://127.0.0.1:PORT of every member. */
    List<String> endpoints() {
        return IntStream.range(0, SIZE).mapToObj(this::clientUrl).collect(Collectors.toList());
    }

    /** The endpoints of every member but one. */
    List<String> endpointsBut(int member) {
        return IntStream.range(0, SIZE).filter(i -> i != member).mapToObj(this::clientUrl).collect(Collectors.toList());
    }

    private String clientUrl(int i) {
        return "http://127.0.0.1:" + (basePort + 10 * i);
    }

    private String peerUrl(int i) {
        return "http://127.0.0.1:" + (basePort + 10 * i + 1);
    }

    @Override
    public void start(int i) {
        String cluster = IntStream.range(0, SIZE).mapToObj(m -> "e" + m + "=" + peerUrl(m))
                .collect(Collectors.joining(","));
        try {
            members[i] = new ProcessBuilder("etcd", "--name", "e" + i, "--data-dir", dir.resolve("e" + i).toString(),
                    "--listen-client-urls", clientUrl(i), "--advertise-client-urls", clientUrl(i),
                    "--listen-peer-urls", peerUrl(i), "--initial-advertise-peer-urls", peerUrl(i),
                    "--initial-cluster", cluster, "--initial-cluster-state", "new",
                    "--initial-cluster-token", "zonekeeper-bench",
                    "--heartbeat-interval", "100", "--election-timeout", "500")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("e" + i + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd (apt-get install etcd-server etcd-client)", e);
        }
    }

    @Override
    public void kill(int i) {
        members[i].destroyForcibly(); // SIGKILL
        members[i].onExit().join();
    }

    /** From {@code etcdctl endpoint status}: the member whose IS LEADER column is true. */
    @Override
    public int leader() {
        List<String> rows = status();
        for (int i = 0; i < SIZE; i++) {
            String prefix = clientUrl(i).substring("http://".length()) + ",";
            for (String row : rows) {
                String[] cells = row.split(",\\s*");
                if (row.startsWith(prefix) && cells.length > 4 && cells[4].equals("true")) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (status().size() == SIZE && leader() >= 0) {
                return;
            }
            BenchZone.sleep(200);
        }
        throw new IllegalStateException("etcd not healthy after " + TIMEOUT_SECONDS + " s; see " + dir);
    }

    /** One line per answering member: endpoint, id, version, db size, is leader, ... */
    private List<String> status() {
        try {
            String hostPorts = endpoints().stream().map(u -> u.substring("http://".length()))
                    .collect(Collectors.joining(","));
            ProcessBuilder etcdctl = new ProcessBuilder("etcdctl", "--endpoints", hostPorts,
                    "--dial-timeout", "1s", "--command-timeout", "1s", "endpoint", "status", "-w", "simple")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            etcdctl.environment().put("ETCDCTL_API", "3");
            Process p = etcdctl.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            List<String> rows = new ArrayList<>();
            out.lines().filter(l -> l.startsWith("127.0.0.1:")).forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run etcdctl (apt-get install etcd-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : members) {
            if (p != null) {
                p.destroy();
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
