package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Ports;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;
import org.zonekeeper.agent.guest.SharedDiskChecker;

/**
 * The agent as a real process on loopback over the zone's HTTPS (its host's certificate, a server's for the
 * requests), its VMs real processes writing to a real disk file.
 */
public class NodeAgentTest {
    private static final String TOKEN = "agent-token-1";

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private ZoneCa ca;
    private HttpClient http;
    private Path config;
    private Path shared;
    private int port;
    private Process agent;
    private final List<Long> deployed = new ArrayList<>();
    /** The leader term the requests name (X-Zonekeeper-Term); null sends none. */
    private String term = "1";

    @Before
    public void start() throws Exception {
        Path home = dir.getRoot().toPath();
        shared = Files.createDirectories(home.resolve("shared"));
        Path token = home.resolve("agent.token");
        Files.writeString(token, TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        port = Ports.free();
        ca = ZoneCa.create(home.resolve("ca"), "test");
        ca.issue(home.resolve("tls"), new Peer(Role.HOST, "kvm-1"));
        http = client(new Peer(Role.SERVER, "zk0"));
        config = home.resolve("agent.properties");
        Files.writeString(config, "listen = 127.0.0.1:" + port + "\ntoken.file = agent.token\nhost.name = kvm-1\n"
                + "state.dir = " + home.resolve("state") + "\nvmm = process\nprocess.enabled = true\ndisk.dir = "
                + shared + "\n");
        agent = launch();
    }

    private Process launch() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.zonekeeper.agent.AgentMain", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.getRoot().toPath().resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try {
                get("/v1/health", TOKEN); // any answer: the request's term may be refused
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("agent did not answer: " + Files.readString(dir.getRoot().toPath()
                .resolve("agent.log")));
    }

    @After
    public void stop() {
        if (agent != null) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
        // VMs adopted by a restarted agent are no longer its descendants
        deployed.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** An HTTPS client showing a certificate of the zone's CA for {@code peer}, expecting host kvm-1. */
    private HttpClient client(Peer peer) {
        Path tls = dir.getRoot().toPath().resolve("client-" + peer.role().unit() + "-" + peer.name());
        if (!Files.exists(tls)) {
            ca.issue(tls, peer);
        }
        return HttpClient.newBuilder().sslContext(ZoneTrust.load(tls).contextExpecting(
                address -> java.util.Optional.of(new Peer(Role.HOST, "kvm-1")))).build();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (term != null) {
            request.header("X-Zonekeeper-Term", term);
        }
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    private Map<String, Object> deploy(String vm) throws Exception {
        HttpResponse<String> r = deploy(vm, 1);
        assertEquals(r.body(), 200, r.statusCode());
        Map<String, Object> answer = Json.object(r.body());
        if (answer.get("pid") instanceof Double pid) {
            deployed.add(pid.longValue());
        }
        return answer;
    }

    /** A deploy of {@code vm} under placement {@code placement}. */
    private HttpResponse<String> deploy(String vm, long placement) throws Exception {
        return send(HttpRequest.newBuilder(uri("/v1/vms/" + vm)).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"cpu\": 100, \"memoryMb\": 512, \"placement\": " + placement + ", \"disk\": \""
                        + shared.resolve(vm + ".disk") + "\"}")), TOKEN);
    }

    private void stop(String vm) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/vms/" + vm)).DELETE(), TOKEN);
        assertEquals(r.body(), 200, r.statusCode());
    }

    @Test
    public void onlyTheZonesServersGetIn() throws Exception {
        assertEquals(200, get("/v1/health", TOKEN).statusCode());
        // a host's certificate (another host of the zone) gets past TLS, and no further
        HttpResponse<String> host = client(new Peer(Role.HOST, "kvm-2")).send(HttpRequest.newBuilder(
                uri("/v1/health")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(host.body(), 403, host.statusCode());
        assertTrue(host.body(), host.body().contains("only the zone's servers may use this agent, not host kvm-2"));
        // no certificate, or one of another zone's CA: no handshake at all
        HttpClient none = HttpClient.newBuilder().sslContext(noCertificate()).build();
        assertHandshakeFails(none);
        Path other = dir.getRoot().toPath().resolve("other");
        ZoneCa.create(other.resolve("ca"), "other").issue(other.resolve("tls"), new Peer(Role.SERVER, "zk0"));
        assertHandshakeFails(HttpClient.newBuilder().sslContext(ZoneTrust.load(other.resolve("tls"))
                .contextExpecting(address -> java.util.Optional.of(new Peer(Role.HOST, "kvm-1")))).build());
    }

    /** A TLS client that trusts the zone's CA but shows no certificate of its own. */
    private javax.net.ssl.SSLContext noCertificate() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private void assertHandshakeFails(HttpClient client) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/v1/health"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("answered " + r.statusCode() + ": " + r.body());
        } catch (IOException expected) {
            // the handshake failed: nothing was read
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void aDeployOverARunningCopyOrOfASupersededPlacementIsRefusedAlsoAfterARestart() throws Exception {
        assertEquals("RUNNING", deploy("vm-3").get("state"));
        HttpResponse<String> over = deploy("vm-3", 2);
        assertEquals(over.body(), 409, over.statusCode());
        assertTrue(over.body(), over.body().contains("vm-3 already runs here (placement 1): placement 2 is refused"
                + " until it is stopped"));
        stop("vm-3");
        assertEquals(200, deploy("vm-3", 2).statusCode());
        stop("vm-3");
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        agent = launch();
        HttpResponse<String> old = deploy("vm-3", 1);
        assertEquals(old.body(), 409, old.statusCode());
        assertTrue(old.body(), old.body().contains("vm-3: placement 1 is superseded: this agent was given placement"
                + " 2"));
        assertFalse("nothing started", "RUNNING".equals(Json.object(get("/v1/vms/vm-3", TOKEN).body()).get("state")));
        HttpResponse<String> unnamed = send(HttpRequest.newBuilder(uri("/v1/vms/vm-4")).PUT(HttpRequest
                .BodyPublishers.ofString("{\"disk\": \"" + shared.resolve("vm-4.disk") + "\"}")), TOKEN);
        assertEquals(unnamed.body(), 400, unnamed.statusCode());
        assertTrue(unnamed.body(), unnamed.body().contains("placement: a number of 0 or more is required"));
    }

    @Test
    public void everyRequestNeedsTheToken() throws Exception {
        assertEquals(401, get("/v1/health", null).statusCode());
        assertEquals(401, get("/v1/health", "wrong").statusCode());
        HttpResponse<String> health = get("/v1/health", TOKEN);
        Map<String, Object> body = Json.object(health.body().replaceAll("\\{\"cores\"[^}]*\\}", "0")
                .replaceAll("\\{\"totalMb\"[^}]*\\}", "0").replaceAll("\\[.*\\]", "[]"));
        assertEquals("kvm-1", body.get("host"));
        assertTrue(health.body(), health.body().contains("\"totalMb\":"));
    }

    @Test
    public void aLeaderOlderThanOneHeardIsRefusedAlsoAfterARestart() throws Exception {
        term = "7";
        assertEquals("RUNNING", deploy("vm-1").get("state"));
        term = "6";
        HttpResponse<String> stale = send(HttpRequest.newBuilder(uri("/v1/vms/vm-1")).DELETE(), TOKEN);
        assertEquals(stale.body(), 409, stale.statusCode());
        assertTrue(stale.body(), stale.body().contains("leader term 6 is stale: this agent has heard from the leader"
                + " of term 7"));
        term = "7";
        assertEquals("RUNNING", Json.object(get("/v1/vms/vm-1", TOKEN).body()).get("state"));
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        agent = launch();
        term = "6";
        HttpResponse<String> afterRestart = send(HttpRequest.newBuilder(uri("/v1/vms/vm-2")).PUT(HttpRequest
                .BodyPublishers.ofString("{\"placement\": 1, \"disk\": \"" + shared.resolve("vm-2.disk") + "\"}")),
                TOKEN);
        assertEquals(afterRestart.body(), 409, afterRestart.statusCode());
        assertFalse(Files.exists(shared.resolve("vm-2.disk")));
        term = null;
        HttpResponse<String> unnamed = send(HttpRequest.newBuilder(uri("/v1/vms/vm-1")).DELETE(), TOKEN);
        assertEquals(unnamed.body(), 400, unnamed.statusCode());
        assertTrue(unnamed.body(), unnamed.body().contains("X-Zonekeeper-Term: required"));
        term = "8";
        assertTrue(get("/v1/health", TOKEN).body().contains("\"leaderTerm\":8"));
    }

    @Test
    public void aTermIsHeldByTheFirstServerHeardWithItAlsoAfterARestart() throws Exception {
        term = "7";
        assertEquals("RUNNING", deploy("vm-1").get("state"));
        http = client(new Peer(Role.SERVER, "zk1"));
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/v1/vms/vm-1")).DELETE(), TOKEN);
        assertEquals(forged.body(), 409, forged.statusCode());
        assertTrue(forged.body(), forged.body().contains("leader term 7 is held by server zk0, not by zk1"));
        HttpResponse<String> probe = get("/v1/health", TOKEN);
        assertEquals("a probe naming the term is refused alike", 409, probe.statusCode());
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        agent = launch();
        HttpResponse<String> afterRestart = send(HttpRequest.newBuilder(uri("/v1/vms/vm-1")).DELETE(), TOKEN);
        assertEquals(afterRestart.body(), 409, afterRestart.statusCode());
        term = null;
        assertEquals("a probe naming no term (a second opinion) is answered", 200,
                get("/v1/health", TOKEN).statusCode());
        term = "8";
        stop("vm-1");
        http = client(new Peer(Role.SERVER, "zk0"));
        HttpResponse<String> old = get("/v1/health", TOKEN);
        assertEquals(old.body(), 409, old.statusCode());
        assertTrue(old.body(), old.body().contains("is held by server zk1, not by zk0"));
    }

    @Test
    public void aDeployedVmRunsWritesHeartbeatsAndDeployingTwiceStartsNoCopy() throws Exception {
        Map<String, Object> first = deploy("web");
        assertEquals("RUNNING", first.get("state"));
        Map<String, Object> again = deploy("web");
        assertEquals(first.get("pid"), again.get("pid"));
        Path disk = shared.resolve("web.disk");
        for (int i = 0; i < 50 && (!Files.exists(disk) || Files.readAllLines(disk).size() < 3); i++) {
            Thread.sleep(100);
        }
        assertTrue("heartbeats written", Files.readAllLines(disk).size() >= 3);
        assertEquals(1, SharedDiskChecker.writers(disk).size());
        assertTrue(get("/v1/health", TOKEN).body().contains("\"name\":\"web\",\"state\":\"RUNNING\""));
    }

    @Test
    public void aStoppedVmIsGoneAndAKilledOneIsFailed() throws Exception {
        long pid = ((Double) deploy("web").get("pid")).longValue();
        HttpResponse<String> stopped = send(HttpRequest.newBuilder(uri("/v1/vms/web")).DELETE(), TOKEN);
        assertEquals("STOPPED", Json.object(stopped.body()).get("state"));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        long other = ((Double) deploy("db").get("pid")).longValue();
        ProcessHandle victim = ProcessHandle.of(other).orElseThrow();
        victim.destroyForcibly();
        victim.onExit().get(10, TimeUnit.SECONDS);
        assertEquals("FAILED", Json.object(get("/v1/vms/db", TOKEN).body()).get("state"));
    }

    @Test
    public void aRestartedAgentAdoptsItsRunningVms() throws Exception {
        Object pid = deploy("web").get("pid");
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        agent = launch();
        Map<String, Object> status = Json.object(get("/v1/vms/web", TOKEN).body());
        assertEquals("RUNNING", status.get("state"));
        assertEquals(pid, status.get("pid"));
        assertEquals(pid, deploy("web").get("pid"));
    }

    @Test
    public void killingTheAgentsProcessGroupKillsItsVms() throws Exception {
        long vm = ((Double) deploy("web").get("pid")).longValue();
        assertNotEquals(0L, vm);
        long group = Long.parseLong(Files.readString(Path.of("/proc/" + vm + "/stat")).split(" ")[4]);
        assertEquals("the VM is in the agent's process group", Long.parseLong(Files.readString(
                Path.of("/proc/" + agent.pid() + "/stat")).split(" ")[4]), group);
    }

    @Test
    public void aBadRequestIsRefusedInOneLine() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/vms/web")).PUT(HttpRequest.BodyPublishers
                .ofString("{\"cpu\": 1}")), TOKEN);
        assertEquals(400, r.statusCode());
        assertTrue(r.body(), r.body().contains("disk: a file path is required"));
        HttpResponse<String> outside = send(HttpRequest.newBuilder(uri("/v1/vms/web")).PUT(HttpRequest.BodyPublishers
                .ofString("{\"placement\": 1, \"disk\": \"" + shared.resolve("../etc/passwd") + "\"}")), TOKEN);
        assertEquals(400, outside.statusCode());
        assertTrue(outside.body(), outside.body().contains("is not under this agent's disk.dir (" + shared + ")"));
        assertEquals(404, get("/v1/vms/bad%20name", TOKEN).statusCode());
    }
}
