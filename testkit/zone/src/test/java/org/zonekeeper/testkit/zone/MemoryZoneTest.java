package org.zonekeeper.testkit.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.model.AsLeader;
import org.zonekeeper.model.Codec;
import org.zonekeeper.model.CreateHost;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.SetHostState;

/** The in-memory zone: the zone bundle's real state and services, replicated by the in-memory log. */
public class MemoryZoneTest {

    private MemoryZone zone;

    @After
    public void close() {
        if (zone != null) {
            zone.close();
        }
    }

    private static HostSpec host(String name) {
        return new HostSpec(name, "default", 8, 16384, "kvm", "kvm");
    }

    @Test
    public void aWriteThroughAnyServerReachesEveryDatabase() {
        zone = MemoryZone.start(3);
        zone.server(2).hosts().create(host("kvm-1"));
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), "kvm-1", server.hosts().get("kvm-1", ReadMode.LOCAL).name());
            assertEquals(zone.server(0).database().digest(), server.database().digest());
        }
    }

    @Test
    public void aRefusedEntryIsRecordedAtItsIndexOnEveryServer() {
        zone = MemoryZone.start(3);
        // past the servers' own checks, through the log itself: the rules refuse it on every server alike
        byte[] poison = Codec.encode(new CreateHost(host("a".repeat(300))));
        Outcome refused = Codec.decodeOutcome(zone.engine().submit(poison, Duration.ofSeconds(5)));
        assertTrue(refused.isRefusal());
        long index = zone.engine().lastIndex();
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), index, server.database().appliedIndex());
            assertEquals(server.name(), 0, server.hosts().list(ReadMode.LOCAL).size());
            assertEquals(zone.server(0).database().digest(), server.database().digest());
        }
        Outcome again = Codec.decodeOutcome(zone.engine().submit(poison, Duration.ofSeconds(5)));
        assertEquals("the same request id: the refusal recorded at its index", refused.reason(), again.reason());
        zone.server(1).hosts().create(host("kvm-1"));
        zone.awaitReplicated();
        assertEquals(1, zone.server(2).hosts().list(ReadMode.LOCAL).size());
    }

    @Test
    public void aDeposedLeadersDecisionIsRefusedByTheTermItNames() {
        zone = MemoryZone.start(3);
        zone.server(0).hosts().create(host("kvm-1"));
        long first = zone.server(0).leadership().orElseThrow().term();
        // zk0 is frozen while zk1 takes over: it still believes it leads its claimed term
        long second = zone.elect(1, 0).term();
        assertTrue(zone.server(0).leadership().isPresent());
        zone.server(0).hosts().create(host("kvm-2")); // an operator's command goes through whichever server
        Outcome stale = Codec.decodeOutcome(zone.engine().submit(Codec.encode(new AsLeader(first,
                new SetHostState("kvm-1", Set.of(HostState.INIT), HostState.ERROR))), Duration.ofSeconds(5)));
        assertTrue(stale.reason(), stale.isRefusal() && stale.reason().contains("term " + second
                + " has been claimed since"));
        // the same decision sent by the deposed leader's own service, which names its claimed term
        ZoneException refused = assertThrows(ZoneException.class, () -> zone.server(0).hosts().setState("kvm-1",
                Set.of(HostState.INIT), HostState.ERROR));
        assertTrue(refused.getMessage(), refused.getMessage().contains("decision of the leader of term " + first
                + " refused"));
        zone.server(1).hosts().setState("kvm-1", Set.of(HostState.INIT), HostState.ERROR);
        zone.awaitReplicated();
        assertEquals(HostState.ERROR, zone.server(0).hosts().get("kvm-1", ReadMode.LOCAL).state());
        assertTrue(second > first);
        zone.engine().tell("zk0");
        Await.until("zk0 withdraws its leadership once told", () -> zone.server(0).leadership().isEmpty());
    }

    @Test
    public void withoutAMajorityNothingIsWrittenAndARestartedServerCatchesUp() {
        zone = MemoryZone.start(3);
        zone.server(0).hosts().create(host("kvm-1"));
        zone.server(2).restart();
        zone.awaitReplicated();
        assertEquals("replayed from the log into an empty database", 1,
                zone.server(2).hosts().list(ReadMode.LOCAL).size());
        zone.server(1).restart();
        zone.server(1).hosts().create(host("kvm-2"));
        zone.awaitReplicated();
        assertEquals(zone.server(0).database().digest(), zone.server(1).database().digest());
        assertThrows(NoLeaderException.class, () -> {
            zone.server(1).close();
            zone.server(2).close();
            zone.server(0).hosts().create(host("kvm-3"));
        });
    }
}
