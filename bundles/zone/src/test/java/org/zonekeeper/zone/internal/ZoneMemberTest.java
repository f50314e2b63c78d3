package org.zonekeeper.zone.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneException;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.client.CopycatClient;
import io.atomix.copycat.client.RecoveryStrategies;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.model.AddServer;
import org.zonekeeper.model.Codec;
import org.zonekeeper.replication.copycat.internal.CopycatEngine;
import org.zonekeeper.replication.copycat.internal.CopycatParts;
import org.zonekeeper.replication.copycat.internal.RaftClient;
import org.zonekeeper.replication.copycat.internal.TlsTransport;
import org.zonekeeper.replication.copycat.internal.command.Commands;
import org.zonekeeper.replication.copycat.internal.command.Entry;
import org.zonekeeper.model.CreateHost;
import org.zonekeeper.model.CreateVm;
import org.zonekeeper.model.DeleteVm;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.SetFencingLevels;
import org.zonekeeper.model.StartHookExecution;
import org.zonekeeper.api.HostState;
import org.zonekeeper.model.SetHostState;
import org.zonekeeper.model.LeadTerm;
import org.zonekeeper.model.ZoneCommand;
import org.zonekeeper.model.DeleteHost;
import org.zonekeeper.testkit.Ports;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.trust.Admission;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

/** Three zone members on loopback in one JVM over the real Copycat engine, each with its own H2 database. */
public class ZoneMemberTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<ZoneMember> nodes = new ArrayList<>();
    /** The term each server last said it leads, 0 when it said it does not. */
    private final Map<Integer, Long> leading = new java.util.concurrent.ConcurrentHashMap<>();
    private String servers;

    private final List<CopycatClient> clients = new ArrayList<>();
    /** The zone's CA; every server and client of these tests holds a certificate of it. */
    private ZoneCa ca;
    private final Map<String, java.util.function.Supplier<io.atomix.catalyst.transport.Transport>> factories =
            new HashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger resets = new java.util.concurrent.atomic.AtomicInteger();
    /** More configuration for the servers started next. */
    private final Map<String, Object> extra = new HashMap<>();

    @After
    public void closeAll() {
        // a client the zone refused or cut off may fail to end its session: that is no failure of the test
        clients.forEach(c -> c.close().exceptionally(e -> null).join());
        nodes.forEach(ZoneMember::close);
    }

    private void startZone(int size) throws IOException {
        List<String> entries = new ArrayList<>();
        // one block for the whole zone (Raft port, status port = Raft port + 1): ports drawn one by one from the
        // ephemeral range were handed out twice here
        int base = Ports.freeBase(2, 2, size);
        for (int i = 0; i < size; i++) {
            entries.add(i + "=zk" + i + "@127.0.0.1:" + (base + 2 * i));
        }
        servers = String.join(",", entries);
        ca = ZoneCa.create(folder.getRoot().toPath().resolve("ca"), "test");
        for (int i = 0; i < size; i++) {
            nodes.add(start(i));
        }
    }

    private ZoneMember start(int id) throws IOException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.id", Integer.toString(id));
        properties.put("servers", servers);
        properties.put("data.dir", folder.getRoot().toPath().resolve("zk" + id).toString());
        properties.put("request.timeout.ms", "3000");
        properties.put("tls.dir", identity(Role.SERVER, "zk" + id).toString());
        properties.putAll(extra);
        return new ZoneMember(ZoneSettings.parse(properties, Path.of("unused")), new CopycatEngine(),
                resets::incrementAndGet, term -> leading.put(id, term));
    }

    /** The TLS directory of a certificate of the zone's CA for {@code name} (made on first use). */
    private Path identity(Role role, String name) {
        Path dir = folder.getRoot().toPath().resolve("tls-" + role.unit() + "-" + name);
        if (!java.nio.file.Files.exists(dir)) {
            ca.issue(dir, new Peer(role, name));
        }
        return dir;
    }

    /** The zone's servers as the configuration lists them. */
    private List<ZoneServer> configured() {
        return java.util.Arrays.stream(servers.split(",")).map(e -> new ZoneServer(
                Integer.parseInt(e.substring(0, e.indexOf('='))), e.substring(e.indexOf('=') + 1, e.indexOf('@')),
                e.substring(e.indexOf('@') + 1))).toList();
    }

    /** Catalyst transports presenting the certificate in {@code tls} (null: plain, no certificate at all). */
    private java.util.function.Supplier<io.atomix.catalyst.transport.Transport> transports(Path tls)
            throws IOException {
        String key = tls == null ? "plain" : tls.getFileName().toString();
        if (!factories.containsKey(key)) {
            ZoneTrust trust = tls == null ? null : ZoneTrust.load(tls);
            factories.put(key, TlsTransport.factory(new Admission(trust, this::configured),
                    folder.getRoot().toPath().resolve("stores-" + key)));
        }
        return factories.get(key);
    }

    private static HostSpec host(String name) {
        return new HostSpec(name, "default", 800, 16384, "kvm", "kvm");
    }

    /** The leader applies an entry before it answers, so the highest applied index covers every answered write. */
    private long highestApplied() {
        return nodes.stream().mapToLong(n -> n.database().appliedIndex()).max().orElseThrow();
    }

    private static void awaitApplied(List<ZoneMember> members, long index) throws InterruptedException {
        for (int i = 0; i < 600 && members.stream().anyMatch(n -> n.database().appliedIndex() < index); i++) {
            Thread.sleep(50);
        }
    }

    /** Whether a client presenting {@code tls} (null: no certificate) gets a session within 5 s. */
    private boolean getsASession(Path tls) throws Exception {
        CompletableFuture<CopycatClient> connecting = connecting(tls);
        CopycatClient client = clients.remove(clients.size() - 1);
        try {
            connecting.get(5, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } finally {
            // a refused client tries again and again, an admitted one keeps its session alive through the log: end
            // both now, not after the test
            client.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
    }

    @Test
    public void onlyServersAndClientsOfTheZoneGetASession() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("kvm-1"))).item();
        awaitSameDatabases();
        HostState before = nodes.get(1).database().hosts().get(0).state();
        assertTrue("control: a client certificate of the zone", getsASession(identity(Role.CLIENT, "tool")));
        assertFalse("no TLS, no certificate", getsASession(null));
        assertFalse("a host's certificate", getsASession(identity(Role.HOST, "kvm-1")));
        Path foreign = folder.getRoot().toPath().resolve("foreign");
        ZoneCa.create(folder.getRoot().toPath().resolve("other-ca"), "other").issue(foreign,
                new Peer(Role.SERVER, "zk0"));
        assertFalse("a server certificate of another zone", getsASession(foreign));
        awaitApplied(nodes, highestApplied());
        for (ZoneMember node : nodes) {
            assertEquals(1, node.database().hosts().size());
            assertEquals(before, node.database().hosts().get(0).state());
        }
    }

    @Test
    public void aDeletedServersCertificateStopsWorking() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("kvm-1"))).item();
        for (int i = 0; i < 100 && nodes.get(0).database().servers().size() < 3; i++) {
            Thread.sleep(50); // the first leader records the configured servers
        }
        Path zk2 = identity(Role.SERVER, "zk2");
        CopycatClient before = connecting(zk2).get(5, TimeUnit.SECONDS);
        nodes.remove(2).close();
        nodes.get(0).submit(new org.zonekeeper.model.DeleteServer(2)).item();
        awaitApplied(nodes, highestApplied()); // each server admits by its own database
        assertFalse("its certificate after zone:server-del", getsASession(zk2));
        Thread.sleep(2000); // connections admitted before are checked again every second
        CompletableFuture<?> late = before.submit(new Entry(Codec.encode(new CreateHost(host("by-zk2")))));
        try {
            late.get(8, TimeUnit.SECONDS);
            throw new AssertionError("a command through the deleted server's session from before was applied");
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException cutOff) {
            // its connections were closed and no new one is admitted
        }
        awaitSameDatabases();
        assertEquals(1, nodes.get(0).database().hosts().size());
    }

    @Test
    public void aResetIsAcceptedFromAServerOnlyAndAnIdleConnectionBlocksNoOne() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("kvm-1"))).item();
        ZoneServer zk1 = configured().get(1);
        StatusProbe asServer = new StatusProbe(new Admission(ZoneTrust.load(identity(Role.SERVER, "zk0")),
                this::configured));
        StatusProbe asClient = new StatusProbe(new Admission(ZoneTrust.load(identity(Role.CLIENT, "tool")),
                this::configured));
        String refused = asClient.request(zk1, "reset");
        assertEquals("error refused: a reset is accepted from a server of the zone only, not from client tool",
                refused);
        assertEquals(0, resets.get());
        assertEquals("ok", asServer.request(zk1, "reset"));
        assertEquals(1, resets.get());
        try (java.net.Socket idle = new java.net.Socket()) {
            idle.connect(StatusProbe.statusAddress(zk1.endpoint()));
            long start = System.nanoTime();
            assertTrue(asClient.ask(zk1).reachable());
            assertTrue("answered beside an idle connection", System.nanoTime() - start < 1_500_000_000L);
        }
        StatusProbe plain = new StatusProbe(new Admission(null, this::configured));
        String answer;
        try {
            answer = plain.request(zk1, "status");
        } catch (IOException e) {
            answer = null;
        }
        assertFalse("no certificate, no status: " + answer, answer != null && answer.startsWith("ok"));
    }

    @Test
    public void writesOnAnyServerReachEveryDatabaseInTheSameOrder() throws Exception {
        startZone(3);
        for (int i = 0; i < 9; i++) {
            nodes.get(i % 3).submit(new CreateHost(host("h" + i))).item();
        }
        ZoneException refused = assertThrows(ZoneException.class,
                () -> nodes.get(1).submit(new DeleteHost("nope")).item());
        assertEquals("no host 'nope'", refused.getMessage());

        long index = highestApplied();
        awaitApplied(nodes, index);
        String digest = nodes.get(0).database().digest();
        for (ZoneMember node : nodes) {
            assertEquals(9, node.database().hosts().size());
            assertEquals(digest, node.database().digest());
        }
        long leaders = nodes.stream().map(ZoneMember::localStatus).filter(s -> s.state().equals("leader")).count();
        assertEquals(1, leaders);
        ServerStatus leader = nodes.stream().map(ZoneMember::localStatus).filter(s -> s.state().equals("leader"))
                .findFirst().orElseThrow();
        assertEquals("a leader voted for itself", leader.id(), leader.vote());
        assertEquals("only the leader holds leadership: " + leading, Map.of(leader.id(), leader.term()),
                leading.entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        ServerStatus follower = nodes.stream().map(ZoneMember::localStatus).filter(s -> s.state().equals("follower"))
                .findFirst().orElseThrow();
        assertTrue("commit index " + follower.commit(), follower.commit() >= index - 5);
    }

    @Test
    public void restartedServerAppliesNothingTwice() throws Exception {
        startZone(3);
        for (int i = 0; i < 5; i++) {
            nodes.get(0).submit(new CreateHost(host("h" + i))).item();
        }
        awaitApplied(nodes, highestApplied());
        nodes.get(2).close();
        nodes.set(2, start(2));
        nodes.get(0).submit(new CreateHost(host("after"))).item();
        awaitApplied(nodes, highestApplied());
        assertEquals(6, nodes.get(2).database().hosts().size());
        assertEquals(nodes.get(0).database().digest(), nodes.get(2).database().digest());
    }

    @Test
    public void withoutMajorityWritesFailWithNoLeader() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("h0"))).item();
        nodes.remove(2).close();
        nodes.remove(1).close();
        long start = System.nanoTime();
        NoLeaderException e = assertThrows(NoLeaderException.class,
                () -> nodes.get(0).submit(new CreateHost(host("lost"))).item());
        assertTrue(e.getMessage(), e.getMessage().startsWith("no leader elected"));
        assertTrue("bounded by request.timeout.ms", System.nanoTime() - start < 10_000_000_000L);
    }

    /**
     * A Copycat client of the zone built as the servers' own, with a client certificate of the zone, but outside any
     * ZoneMember: nothing checks at the door.
     */
    private CopycatClient rawClient() throws IOException {
        return connecting(identity(Role.CLIENT, "raw")).join();
    }

    /** A Copycat client presenting the certificate in {@code tls} (null: none), connecting to the zone. */
    private CompletableFuture<CopycatClient> connecting(Path tls) throws IOException {
        List<Address> members = configured().stream().map(s -> CopycatParts.address(s.endpoint())).toList();
        CopycatClient client = CopycatClient.builder().withTransport(transports(tls).get())
                .withSerializer(Commands.register(new Serializer().enableWhitelist()))
                .withRecoveryStrategy(RecoveryStrategies.CLOSE).build();
        clients.add(client);
        return client.connect(members);
    }

    /** Sends a command as the servers' own client does, bypassing every check at the door. */
    private static Outcome raw(CopycatClient client, ZoneCommand command) throws Exception {
        return Codec.decodeOutcome(client.submit(new Entry(Codec.encode(command))).get(10, TimeUnit.SECONDS).bytes());
    }

    /**
     * Waits until every server applied as far and holds the same digest (entries may still arrive: the first
     * leader records the servers, sessions come and go), then asserts it.
     */
    private void awaitSameDatabases() throws InterruptedException {
        List<Long> applied = List.of();
        List<String> digests = List.of();
        for (int i = 0; i < 300; i++) {
            applied = nodes.stream().map(n -> n.database().appliedIndex()).toList();
            digests = nodes.stream().map(n -> n.database().digest()).toList();
            if (applied.stream().distinct().count() == 1 && digests.stream().distinct().count() == 1
                    && applied.equals(nodes.stream().map(n -> n.database().appliedIndex()).toList())) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals("every server applied as far", 1, applied.stream().distinct().count());
        assertEquals("the same database on every server", 1, digests.stream().distinct().count());
    }

    @Test
    public void everyBadFieldIsRefusedAtTheDoorAndAgainByTheStateMachineOnEveryServer() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("kvm-1"))).item();
        String a300 = "a".repeat(300);
        Map<ZoneCommand, String> poison = new java.util.LinkedHashMap<>();
        poison.put(new CreateHost(new HostSpec("poison1", "default", 800, 16384, "kvm", "kvm", a300)),
                "invalid host: address: is 300 characters long; at most 255");
        poison.put(new CreateHost(new HostSpec("poison2", "default", 800, 16384, "v".repeat(65), "kvm")),
                "invalid host: vmm: is 65 characters long; at most 64");
        poison.put(new CreateVm(new VmSpec("web", 100, 512, 0, "t".repeat(4001), null)),
                "invalid VM: template: is 4001 characters long; at most 4000");
        poison.put(new CreateVm(new VmSpec("1", 100, 512, 0, "", null)),
                "invalid VM: VM name: '1' is all digits, which is how ids are written");
        poison.put(new CreateVm(new VmSpec("web", 100, 512, 0, "bell\u0007", null)),
                "invalid VM: template: holds U+0007 at position 4 (a control character or half of a surrogate pair)");
        poison.put(new CreateHost(new HostSpec("k\u00e9vin", "default", 0, 16384, "kvm", "kvm")),
                "invalid host: host name: 'k\u00e9vin' must start with a letter or digit and hold only letters,"
                        + " digits, '.', '_' and '-'; address: 'k\u00e9vin' is not a host name or address, with an"
                        + " optional :PORT; cpu: must be positive (0)");
        poison.put(new SetFencingLevels("kvm-1", FencingLevels.parse("d".repeat(2001))),
                "invalid SetFencingLevels: fencing levels: is 2001 characters long; at most 2000");
        poison.put(new DeleteVm(a300), "invalid DeleteVm: reference: is 300 characters long; at most 128");
        poison.put(new AddServer("zk9", a300 + ":1"), "invalid server: endpoint: is 302 characters long; at most 255");
        CopycatClient bypass = rawClient();
        for (Map.Entry<ZoneCommand, String> p : poison.entrySet()) {
            long before = highestApplied();
            assertEquals("refused at the door", p.getValue(),
                    assertThrows(ZoneException.class, () -> nodes.get(1).submit(p.getKey())).getMessage());
            assertEquals("nothing written for a refusal at the door", before, highestApplied());
            Outcome outcome = raw(bypass, p.getKey());
            assertEquals("refused by the state machine", p.getValue(), outcome.reason());
        }
        awaitSameDatabases();
        assertEquals(1, nodes.stream().map(ZoneMember::localStatus).filter(s -> s.state().equals("leader")).count());
        assertEquals(2, nodes.stream().map(ZoneMember::localStatus).filter(s -> s.state().equals("follower")).count());
        nodes.get(2).submit(new CreateHost(host("after"))).item();
        awaitSameDatabases();
        assertEquals(List.of("kvm-1", "after"), nodes.get(1).database().hosts().stream().map(h -> h.name()).toList());
    }

    @Test
    public void aCommandSentAgainOnAnotherSessionTakesEffectOnce() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("first"))).item(); // a leader is elected
        CreateHost create = new CreateHost(host("once"));
        Host first = raw(rawClient(), create).item();
        Host again = raw(rawClient(), create).item();
        assertEquals("the first outcome, not 'already exists'", first, again);
        org.zonekeeper.api.ZoneEvent event = nodes.get(0).database().events(0, 10).get(0);
        StartHookExecution start = new StartHookExecution("notify", event, "", 1, 0);
        long execution = raw(rawClient(), start).<HookExecution>item().id();
        assertEquals(execution, raw(rawClient(), start).<HookExecution>item().id());
        assertEquals("a refusal is answered the same way too", "a host named 'once' already exists",
                raw(rawClient(), new CreateHost(host("ONCE"))).reason());
        awaitSameDatabases();
        assertEquals(2, nodes.get(2).database().hosts().size());
        assertEquals(1, nodes.get(2).database().hookExecutions(10).size());
    }

    @Test
    public void aLeaderDecisionNamesAClaimedTermAndIsRefusedOnceANewerOneIsClaimed() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("kvm-1"))).item(); // a leader is elected
        int index = leaderIndex();
        ZoneMember leader = nodes.get(index);
        ZoneMember follower = nodes.get((index + 1) % 3);
        SetHostState monitored = new SetHostState("kvm-1", Set.of(HostState.INIT), HostState.MONITORED);
        assertThrows("no decision before the claim", NoLeaderException.class, () -> leader.submit(monitored));
        long term = leader.localStatus().term();
        assertTrue(leader.claim(term));
        assertEquals(HostState.MONITORED, leader.submit(monitored).<Host>item().state());
        assertThrows("a follower sends no decision", NoLeaderException.class, () -> follower.submit(
                new SetHostState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR)));
        assertEquals("a bare decision once terms are claimed", "a leader decision must name the leader's term",
                raw(rawClient(), new SetHostState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR)).reason());
        // the next leader's claim, as a server elected while this one is frozen would write it
        assertFalse(raw(rawClient(), new LeadTerm(term + 1, "zk9")).isRefusal());
        Outcome stale = leader.submit(new SetHostState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR));
        assertEquals("decision of the leader of term " + term + " refused: term " + (term + 1) + " has been claimed"
                + " since (that server no longer leads)", stale.reason());
        assertEquals("an older claim", "server zk0 claims term " + term + ", but term " + (term + 1)
                + " was claimed since", raw(rawClient(), new LeadTerm(term, "zk0")).reason());
        awaitSameDatabases();
        for (ZoneMember node : nodes) {
            assertEquals(HostState.MONITORED, node.database().hosts().get(0).state());
        }
    }

    @Test
    public void aSessionLostBetweenApplyAndAnswerIsRetriedWithTheFirstOutcome() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("first"))).item(); // a leader is elected
        List<Address> members = java.util.Arrays.stream(servers.split(","))
                .map(e -> CopycatParts.address(e.substring(e.indexOf('@') + 1))).toList();
        java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<io.atomix.catalyst.transport.Transport> transports =
                transports(identity(Role.CLIENT, "retrying"));
        RaftClient client = new RaftClient(() -> {
            CopycatClient real = CopycatClient.builder().withTransport(transports.get())
                    .withSerializer(Commands.register(new Serializer().enableWhitelist()))
                    .withRecoveryStrategy(RecoveryStrategies.CLOSE).build();
            clients.add(real);
            return sessions.incrementAndGet() == 1 ? losesAnswer(real) : real;
        }, members, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10));
        try {
            Host created = Codec.decodeOutcome(client.submit(new Entry(Codec.encode(new CreateHost(host("web-1")))))
                    .bytes()).item();
            assertEquals("web-1", created.name());
            assertEquals("a second session carried the retry", 2, sessions.get());
            awaitSameDatabases();
            assertEquals(2, nodes.get(0).database().hosts().size());
        } finally {
            client.close();
        }
    }

    /** A client whose first command is applied but whose answer is lost with its session. */
    private static CopycatClient losesAnswer(CopycatClient real) {
        return (CopycatClient) java.lang.reflect.Proxy.newProxyInstance(ZoneMemberTest.class.getClassLoader(),
                new Class<?>[] {CopycatClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("submit") && args[0] instanceof io.atomix.copycat.Command<?>) {
                        CompletableFuture<Object> lost = new CompletableFuture<>();
                        real.submit((io.atomix.copycat.Command<?>) args[0]).whenComplete((r, e) ->
                                lost.completeExceptionally(new io.atomix.copycat.session.ClosedSessionException(
                                        "session lost after apply (injected)")));
                        return lost;
                    }
                    if (method.getName().equals("connect")) {
                        return real.connect((java.util.Collection<Address>) args[0]).thenApply(c -> (CopycatClient) proxy);
                    }
                    return method.invoke(real, args);
                });
    }

    private int leaderIndex() {
        int leader = leaderIndexOrNone();
        if (leader < 0) {
            throw new AssertionError("no leader");
        }
        return leader;
    }

    private int leaderIndexOrNone() {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).localStatus().state().equals("leader")) {
                return i;
            }
        }
        return -1;
    }

    /** Milliseconds until a write through a surviving server is acknowledged, after {@code fault} hit the leader. */
    private long firstWriteAfter(String fault, java.util.function.Consumer<ZoneMember> inject) throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("before"))).item();
        awaitApplied(nodes, highestApplied());
        int leader = leaderIndex();
        ZoneMember survivor = nodes.get((leader + 1) % 3);
        survivor.submit(new CreateHost(host("warm"))).item();
        inject.accept(nodes.get(leader));
        long start = System.nanoTime();
        Host after = survivor.submit(new CreateHost(host("after"))).item();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("first write through a survivor after the leader was " + fault + ": " + ms + " ms");
        assertEquals("after", after.name());
        return ms;
    }

    @Test
    public void aFrozenLeaderDoesNotWedgeTheSurvivorsSession() throws Exception {
        long ms = firstWriteAfter("frozen", leader -> leader.freeze(java.time.Duration.ofSeconds(6)));
        assertTrue("acknowledged within 1.5 s (an election, then a new session with the new leader): " + ms,
                ms < 1500);
    }

    @Test
    public void aKilledLeaderDoesNotWedgeTheSurvivorsSession() throws Exception {
        long ms = firstWriteAfter("killed", leader -> {
            nodes.remove(leader);
            leader.close();
        });
        assertTrue("acknowledged within 1.5 s: " + ms, ms < 1500);
    }

    @Test
    public void aLeaderThatGivesWayIsReplacedByAnother() throws Exception {
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("before"))).item();
        int leader = leaderIndex();
        long term = nodes.get(leader).localStatus().term();
        long start = System.nanoTime();
        nodes.get(leader).giveWay(term, "test");
        int next = -1;
        while (System.nanoTime() - start < 10_000_000_000L) {
            int now = leaderIndexOrNone();
            if (now >= 0 && now != leader) {
                next = now;
                break;
            }
            Thread.sleep(20);
        }
        System.out.println("another leader " + (System.nanoTime() - start) / 1_000_000 + " ms after giving way");
        assertTrue("another server leads", next >= 0);
        assertTrue("in a later term", nodes.get(next).localStatus().term() > term);
        Host after = nodes.get(leader).submit(new CreateHost(host("after"))).item();
        assertEquals("a write through the one that gave way goes through", "after", after.name());
    }

    @Test
    public void aServerBackAfterCompactionCatchesUpBySnapshot() throws Exception {
        extra.put("log.segment.entries", "64");
        extra.put("log.compaction.interval.ms", "200");
        startZone(3);
        nodes.get(0).submit(new CreateHost(host("h0"))).item();
        awaitApplied(nodes, highestApplied());
        nodes.get(2).close();
        for (int i = 1; i <= 400; i++) {
            nodes.get(i % 2).submit(new CreateHost(host("h" + i))).item();
        }
        Thread.sleep(4000); // minor compactions every 200 ms, a major one after 2 s
        nodes.set(2, start(2));
        nodes.get(0).submit(new CreateHost(host("after"))).item();
        awaitApplied(nodes, highestApplied());
        assertEquals(402, nodes.get(2).database().hosts().size());
        assertEquals(nodes.get(0).database().digest(), nodes.get(2).database().digest());
        assertTrue("caught up by snapshot", nodes.get(2).snapshotsInstalled() > 0);
    }
}
