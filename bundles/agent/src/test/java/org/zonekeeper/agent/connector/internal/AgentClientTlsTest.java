package org.zonekeeper.agent.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

/**
 * The front-end's side of the agents' HTTPS, against a TLS peer holding a zone host certificate (a JDK HTTPS server
 * needing a client certificate, as the node agent is): the host called must be the host that answers.
 */
public class AgentClientTlsTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private HttpsServer agent;
    private final AtomicInteger requests = new AtomicInteger();
    /** What the agent answers, and the leader term the last request named (null: none). */
    private volatile int status = 200;
    private volatile String term;

    @After
    public void stop() {
        if (agent != null) {
            agent.stop(0);
        }
    }

    private ZoneTrust identity(ZoneCa ca, Role role, String name) {
        Path tls = dir.getRoot().toPath().resolve(role.unit() + "-" + name);
        ca.issue(tls, new Peer(role, name));
        return ZoneTrust.load(tls);
    }

    /** An agent-like HTTPS server showing {@code trust}'s certificate and needing a client's. */
    private int serve(ZoneTrust trust) throws Exception {
        agent = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        agent.setHttpsConfigurator(new HttpsConfigurator(trust.context()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        agent.createContext("/v1/", x -> {
            requests.incrementAndGet();
            term = x.getRequestHeaders().getFirst(AgentClient.TERM);
            byte[] body = "{\"host\":\"kvm-1\",\"time\":1,\"vms\":[]}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        agent.start();
        return agent.getAddress().getPort();
    }

    private static Host host(String name, int port) {
        return new Host(1, name, HostState.MONITORED, "default", 800, 8192, "kvm", "kvm", true, 0,
                FencingLevels.none(), 0, "127.0.0.1:" + port, 0);
    }

    /** The zone's hosts as the client finds them when two hosts are given one address. */
    private volatile List<Host> zoneHosts = List.of();

    private AgentClient client(ZoneTrust trust) {
        return client(trust, 7);
    }

    private AgentClient client(ZoneTrust trust, long term) {
        return new AgentClient(ConfigCheck.of(AgentConnector.Config.class, AgentConnector.PID, Map.of()).orThrow(),
                Secret.of("t0ken"), term, trust, () -> zoneHosts);
    }

    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append(" / ");
        }
        return text.toString();
    }

    @Test
    public void theHostCalledAnswersWithItsOwnCertificate() throws Exception {
        ZoneCa ca = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        int port = serve(identity(ca, Role.HOST, "kvm-1"));
        assertEquals("the agent's answer", 1, client(identity(ca, Role.SERVER, "zk0"))
                .health(host("kvm-1", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).time());
        assertEquals(1, requests.get());
    }

    @Test
    public void anotherHostAtTheAddressGetsNothing() throws Exception {
        ZoneCa ca = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        int port = serve(identity(ca, Role.HOST, "kvm-1")); // a zone host, but not the one called
        ExecutionException e = assertThrows(ExecutionException.class, () -> client(identity(ca, Role.SERVER, "zk0"))
                .health(host("kvm-2", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        assertTrue(chain(e), chain(e).contains("answered as host kvm-1, not as host kvm-2"));
        assertEquals("nothing was sent to the impostor", 0, requests.get());
    }

    @Test
    public void twoHostsGivenOneAddressAreNeverTakenForEachOther() throws Exception {
        ZoneCa ca = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        int port = serve(identity(ca, Role.HOST, "kvm-1"));
        AgentClient client = client(identity(ca, Role.SERVER, "zk0"));
        zoneHosts = List.of(host("kvm-1", port), host("kvm-9", port));
        assertEquals(1, client.health(host("kvm-1", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).time());
        ExecutionException both = assertThrows(ExecutionException.class,
                () -> client.health(host("kvm-9", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        assertTrue(chain(both), chain(both).contains("node agent of kvm-9: its address 127.0.0.1:" + port
                + " is host kvm-1's too: it is not called until one of them gets another address"));
        assertEquals("kvm-9's probe went nowhere", 1, requests.get());
        // kvm-1 deleted: kvm-9 takes the address over, on a new connection, and the agent there is still kvm-1's
        zoneHosts = List.of(host("kvm-9", port));
        ExecutionException impostor = assertThrows(ExecutionException.class,
                () -> client.health(host("kvm-9", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        assertTrue(chain(impostor), chain(impostor).contains("answered as host kvm-1, not as host kvm-9"));
        assertEquals(1, requests.get());
    }

    @Test
    public void anAgentOfAnotherZoneGetsNothing() throws Exception {
        ZoneCa ours = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        ZoneCa theirs = ZoneCa.create(dir.getRoot().toPath().resolve("other-ca"), "other");
        Path tls = dir.getRoot().toPath().resolve("other-kvm-1");
        theirs.issue(tls, new Peer(Role.HOST, "kvm-1"));
        int port = serve(ZoneTrust.load(tls));
        assertThrows(ExecutionException.class, () -> client(identity(ours, Role.SERVER, "zk0"))
                .health(host("kvm-1", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        assertEquals(0, requests.get());
    }

    @Test
    public void aSecondOpinionCountsAnyAnswerOfTheHostItselfAndNamesNoTerm() throws Exception {
        ZoneCa ca = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        int port = serve(identity(ca, Role.HOST, "kvm-1"));
        AgentClient follower = client(identity(ca, Role.SERVER, "zk1"), 0);
        status = 401; // a token this server has wrong: the host still answered
        assertTrue(follower.answers(host("kvm-1", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        assertEquals("no leader term named", null, term);
        assertEquals("another host's agent is no answer", false,
                follower.answers(host("kvm-2", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
        agent.stop(0);
        agent = null;
        assertEquals("nobody listening", false,
                follower.answers(host("kvm-1", port), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
    }

    @Test
    public void anAgentThatAcceptsButNeverAnswersIsNoAnswerWithinTheTimeout() throws Exception {
        ZoneCa ca = ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test");
        try (java.net.ServerSocket frozen = new java.net.ServerSocket(0, 8,
                java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            boolean answered = client(identity(ca, Role.SERVER, "zk1"), 0)
                    .answers(host("kvm-1", frozen.getLocalPort()), Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(false, answered);
            assertTrue(ms + " ms", ms < 1500);
        }
    }
}
