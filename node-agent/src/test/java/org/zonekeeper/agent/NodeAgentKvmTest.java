package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Ports;
import org.zonekeeper.testkit.Libvirt;

/** The agent as a real process with vmm = kvm, its VMs real QEMU processes of a private libvirtd. */
public class NodeAgentKvmTest {
    private static final String TOKEN = "agent-token-1";
    private static Libvirt libvirt;

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private Path config;
    private int port;
    private Process agent;

    @BeforeClass
    public static void startLibvirt() throws IOException {
        libvirt = Libvirt.start();
    }

    @AfterClass
    public static void stopLibvirt() {
        if (libvirt != null) {
            libvirt.close();
        }
    }

    @Before
    public void writeConfig() throws Exception {
        Path home = dir.getRoot().toPath();
        Path token = home.resolve("agent.token");
        Files.writeString(token, TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        port = Ports.free();
        config = home.resolve("agent.properties");
        Files.writeString(config, "listen = 127.0.0.1:" + port + "\ntoken.file = agent.token\nhost.name = kvm-1\n"
                + "tls.enabled = false\n"
                + "state.dir = " + home.resolve("state") + "\nvmm = kvm\nkvm.uri = " + libvirt.uri() + "\n"
                + "disk.dir = " + home + "\n"
                + "kvm.domain.type = " + libvirt.domainType() + "\nkvm.pid.dir = " + libvirt.qemuRunDir() + "\n");
    }

    @After
    public void stop() throws IOException {
        if (agent != null) {
            agent.destroyForcibly();
        }
        for (String domain : libvirt.virsh("list", "--name").orThrow().stdout().strip().lines().toList()) {
            libvirt.virsh("destroy", domain.strip()).orThrow();
        }
    }

    private ProcessBuilder agentProcess() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.zonekeeper.agent.AgentMain",
                "--config", config.toString()).redirectErrorStream(true);
    }

    private void launch() throws Exception {
        Path log = dir.getRoot().toPath().resolve("agent.log");
        agent = agentProcess().redirectOutput(log.toFile()).start();
        for (int i = 0; i < 100; i++) {
            try {
                if (send(HttpRequest.newBuilder(uri("/v1/health")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("agent did not answer: " + Files.readString(log));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + TOKEN).header("X-Zonekeeper-Term", "1").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> deploy(String vm, String extra) throws Exception {
        Path disk = dir.getRoot().toPath().resolve(vm + ".disk");
        Files.write(disk, new byte[1 << 20]);
        return send(HttpRequest.newBuilder(uri("/v1/vms/" + vm)).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"cpu\": 100, \"memoryMb\": 64, \"placement\": 1, \"disk\": \"" + disk + "\"" + extra + "}")));
    }

    @Test
    public void aVmIsDeployedOnceReportedAndStoppedThroughTheApi() throws Exception {
        launch();
        HttpResponse<String> first = deploy("web", "");
        assertEquals(first.body(), 200, first.statusCode());
        Map<String, Object> vm = Json.object(first.body());
        assertEquals("RUNNING", vm.get("state"));
        assertEquals((double) libvirt.pid("web").orElseThrow(), vm.get("pid"));
        assertEquals(vm, Json.object(deploy("web", "").body()));
        String health = send(HttpRequest.newBuilder(uri("/v1/health")).GET()).body();
        assertTrue(health, health.contains("{\"name\":\"web\",\"state\":\"RUNNING\",\"pid\":"
                + libvirt.pid("web").orElseThrow() + "}"));

        HttpResponse<String> stopped = send(HttpRequest.newBuilder(uri("/v1/vms/web")).DELETE());
        assertEquals("STOPPED", Json.object(stopped.body()).get("state"));
        assertEquals("", libvirt.virsh("list", "--all", "--name").orThrow().stdout().strip());
        assertEquals("STOPPED", Json.object(send(HttpRequest.newBuilder(uri("/v1/vms/web")).GET()).body())
                .get("state"));
        assertEquals("UNKNOWN", Json.object(send(HttpRequest.newBuilder(uri("/v1/vms/db")).GET()).body())
                .get("state"));
    }

    @Test
    public void aCommandIsRefusedAndAVirshErrorIsAnError() throws Exception {
        launch();
        HttpResponse<String> command = deploy("web", ", \"command\": [\"/bin/sleep\", \"100\"]");
        assertEquals(400, command.statusCode());
        assertTrue(command.body(), command.body().contains("command: the kvm VMM boots the disk image"));
        HttpResponse<String> outside = send(HttpRequest.newBuilder(uri("/v1/vms/db")).PUT(HttpRequest.BodyPublishers
                .ofString("{\"cpu\": 100, \"memoryMb\": 64, \"placement\": 1, \"disk\": \"/etc/../nonexistent/db.disk\"}")));
        assertEquals(400, outside.statusCode());
        assertTrue(outside.body(), outside.body().contains("disk: '/etc/../nonexistent/db.disk' is not under this "
                + "agent's disk.dir (" + dir.getRoot() + ")"));
        Path absent = dir.getRoot().toPath().resolve("absent.disk");
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/v1/vms/db")).PUT(HttpRequest.BodyPublishers
                .ofString("{\"cpu\": 100, \"memoryMb\": 64, \"placement\": 1, \"disk\": \"" + absent + "\"}")));
        assertEquals(500, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("virsh create db: error: ")
                && missing.body().contains(absent.toString()));
    }

    @Test
    public void withoutVirshTheAgentStopsAtOnceInOneLine() throws Exception {
        ProcessBuilder noVirsh = agentProcess();
        noVirsh.environment().put("PATH", dir.newFolder("empty-bin").toString());
        Process p = noVirsh.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("vmm = kvm needs virsh, which is not on PATH (Debian: apt-get install libvirt-clients)",
                new String(p.getInputStream().readAllBytes()).strip());
    }
}
