package org.zonekeeper.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.testkit.zone.Await;
import org.zonekeeper.testkit.zone.MemoryServer;
import org.zonekeeper.testkit.zone.MemoryZone;

/** Host monitoring on the servers of an in-memory zone, the node agents replaced by a probe the test answers. */
public class HostMonitorTest {

    private static final Map<String, Object> CONFIG = Map.of("interval.ms", "200", "failures", "2",
            "probe.timeout.ms", "100");
    /** Rounds far apart, a host that missed a probe probed again every 100 ms. */
    private static final Map<String, Object> SUSPECTING = Map.of("interval.ms", "3000", "failures", "3",
            "probe.timeout.ms", "100", "suspect.interval.ms", "100");
    private Map<String, Object> config = CONFIG;

    /** One probe: by which server's monitor, of which host, in the state the round listed it in, answered or not. */
    private record Probe(String server, String host, HostState state, boolean answered) {
    }

    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    /** Hosts whose agent does not answer. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private MemoryZone zone;

    private void startZone() {
        zone = MemoryZone.start(3);
        zone.server(0).hosts().create(new HostSpec("kvm-1", "default", 8, 16384, "kvm", "kvm"));
        zone.server(0).hosts().create(new HostSpec("kvm-2", "default", 8, 16384, "kvm", "kvm"));
        for (MemoryServer server : zone.servers()) {
            HostProbe probe = probe(server.name());
            // the monitor runs on every server while it leads, as Declarative Services runs it
            server.whileLeading(l -> new HostMonitor(l, server.hosts(), server.vms(), probe,
                    HostMonitor.check(config), config), HostMonitor::deactivate);
        }
    }

    @After
    public void close() {
        if (zone != null) {
            zone.close();
        }
    }

    /** {@code server}'s node-agent connector: answers for every host not down, fails for the others. */
    private HostProbe probe(String server) {
        return (Host host, Duration timeout) -> {
            boolean answers = !down.contains(host.name());
            probes.add(new Probe(server, host.name(), host.state(), answers));
            CompletionStage<HostReport> answer = !answers
                    ? CompletableFuture.failedFuture(new IOException("connection refused"))
                    : CompletableFuture.completedFuture(new HostReport(System.currentTimeMillis(), 8, 0.1, 16384,
                            8000, Map.of()));
            return answer;
        };
    }

    private HostState state(MemoryServer server, String host) {
        return server.hosts().get(host, ReadMode.LOCAL).state();
    }

    private List<HostState> probedStates(String host) {
        return probes.stream().filter(p -> p.host().equals(host)).map(Probe::state).toList();
    }

    /** The states {@code host} was listed in by the rounds whose probe it did not answer. */
    private List<HostState> missedStates(String host) {
        return probes.stream().filter(p -> p.host().equals(host) && !p.answered()).map(Probe::state).toList();
    }

    private long probesBy(String server) {
        return probes.stream().filter(p -> p.server().equals(server)).count();
    }

    @Test
    public void aHostGoesToErrorAfterTheConfiguredMissesAndBackToMonitoredWhenItAnswers() {
        startZone();
        MemoryServer leader = zone.server(0);
        Await.until("both hosts MONITORED", () -> state(leader, "kvm-1") == HostState.MONITORED
                && state(leader, "kvm-2") == HostState.MONITORED);
        down.add("kvm-1");
        Await.until("kvm-1 in ERROR", () -> state(leader, "kvm-1") == HostState.ERROR);
        Await.until("kvm-1 probed once more", () -> missedStates("kvm-1").size() >= 3);
        assertEquals("MONITORED through the first two missed probes, ERROR after the second",
                List.of(HostState.MONITORED, HostState.MONITORED, HostState.ERROR),
                missedStates("kvm-1").subList(0, 3));

        down.remove("kvm-1");
        Await.until("kvm-1 MONITORED again", () -> state(leader, "kvm-1") == HostState.MONITORED);
        assertTrue("kvm-2 answered throughout", probedStates("kvm-2").stream()
                .allMatch(s -> s == HostState.INIT || s == HostState.MONITORED));
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), HostState.MONITORED, state(server, "kvm-1"));
        }
    }

    @Test
    public void onlyTheLeaderProbes() {
        startZone();
        Await.until("zk0 probed both hosts twice", () -> probesBy("zk0") >= 4);
        assertEquals(0, probesBy("zk1"));
        assertEquals(0, probesBy("zk2"));

        zone.elect(1);
        Await.until("zk1 probed both hosts twice", () -> probesBy("zk1") >= 4);
        long byZk0 = probesBy("zk0");
        Await.until("zk1 probed both hosts twice more", () -> probesBy("zk1") >= 8);
        assertEquals("zk0 stopped probing when it stopped leading", byZk0, probesBy("zk0"));
        assertEquals(0, probesBy("zk2"));
    }

    @Test
    public void aHostThatMissedAProbeIsProbedAgainBeforeTheNextRound() {
        config = SUSPECTING;
        startZone();
        MemoryServer leader = zone.server(0);
        Await.until("both hosts MONITORED", () -> state(leader, "kvm-1") == HostState.MONITORED
                && state(leader, "kvm-2") == HostState.MONITORED);
        down.add("kvm-1");
        Await.until("kvm-1 missed a probe", () -> !missedStates("kvm-1").isEmpty());
        int rounds = probedStates("kvm-2").size();
        Await.until("kvm-1 in ERROR", () -> state(leader, "kvm-1") == HostState.ERROR);
        assertTrue("ERROR after its three missed probes within one round of 3 s, not three rounds: kvm-2 was probed "
                + (probedStates("kvm-2").size() - rounds) + " times meanwhile",
                probedStates("kvm-2").size() - rounds <= 1);
        assertEquals(List.of(HostState.MONITORED, HostState.MONITORED, HostState.MONITORED),
                missedStates("kvm-1").subList(0, 3));
    }
}
