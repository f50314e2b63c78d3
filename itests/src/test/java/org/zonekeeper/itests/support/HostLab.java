package org.zonekeeper.itests.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.NetNamespace;
import org.zonekeeper.testkit.Ports;
import org.zonekeeper.testkit.Processes;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

/**
 * Hypervisor hosts for tests: real node agents in their own process group, each with its host's certificate of the
 * zone's CA (the agents speak HTTPS to the zone's servers only), secrets in 0600 files, free ports.
 */
public final class HostLab {

    private HostLab() {
    }

    /**
     * Starts a node agent for {@code host} on 127.0.0.1:{@code port} in its own session and process group (its pid
     * is the group: killing the group is the host losing power), its VMs' disks in {@code shared/} beside
     * {@code home}, its certificate made by {@code zone}'s CA.
     */
    public static Process startAgent(LocalZone zone, Path home, String host, int port, String token)
            throws IOException {
        return startAgent(zone, home, host, "127.0.0.1", port, token, null);
    }

    /**
     * As {@link #startAgent(LocalZone, Path, String, int, String)}, listening on {@code ip}, inside {@code ns} if not
     * null.
     */
    public static Process startAgent(LocalZone zone, Path home, String host, String ip, int port, String token,
            NetNamespace ns) throws IOException {
        Files.createDirectories(home);
        secret(home.resolve("agent.token"), token);
        if (!Files.exists(home.resolve("tls").resolve(ZoneTrust.CERTIFICATE))) {
            ZoneCa.open(zone.home().resolve("ca")).issue(home.resolve("tls"), new Peer(Role.HOST, host));
        }
        Path config = home.resolve("agent.properties");
        // the lab's VMs are processes (enabled for tests) whose disks are in the shared directory beside the hosts
        Files.writeString(config, "listen = " + ip + ":" + port + "\ntoken.file = agent.token\nhost.name = " + host
                + "\nstate.dir = " + home.resolve("state") + "\nvmm = process\nprocess.enabled = true\ndisk.dir = "
                + home.toAbsolutePath().getParent().resolve("shared") + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> e.contains("node-agent")).findFirst()
                .orElseThrow(() -> new IllegalStateException("zonekeeper-node-agent is not on the test classpath"));
        List<String> command = new ArrayList<>(ns == null ? List.of() : ns.execPrefix());
        command.addAll(List.of(Processes.require("setsid", "util-linux").toString(), java, "-Xmx64m", "-cp",
                classpath, "org.zonekeeper.agent.AgentMain", "--config", config.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("agent.log").toFile()).start();
    }

    /** A zone identity for {@code peer}, made by {@code zone}'s CA (a test's stand-in for a host or a server). */
    public static ZoneTrust identity(LocalZone zone, Peer peer) {
        Path dir = zone.home().resolve("lab-tls").resolve(peer.role().unit() + "-" + peer.name());
        if (!Files.exists(dir.resolve(ZoneTrust.CERTIFICATE))) {
            ZoneCa.open(zone.home().resolve("ca")).issue(dir, peer);
        }
        return ZoneTrust.load(dir);
    }

    /**
     * An ipmi fencing device for {@code host}: an ipmi_sim on 127.0.0.1:{@code port}, user fence, the password in
     * etc/secrets/bmc.password, cipher suite 3, short timeouts and no retry.
     */
    public static String ipmiDevice(int port, String host, long powerTimeoutMs) {
        return String.join("\n", "driver = ipmi", "address = 127.0.0.1", "port = " + port, "username = fence",
                "password.file = etc/secrets/bmc.password", "cipher = 3", "host.map = " + host, "timeout.ms = 2000",
                "power.timeout.ms = " + powerTimeoutMs, "retries = 0", "");
    }

    /** Writes a secret to a file readable by its owner only. */
    /** The disk file of the VM with id {@code vmId} in the shared directory ({@code Vm.deployId()}). */
    public static Path disk(Path shared, String vmId) {
        return shared.resolve("vm-" + vmId + ".disk");
    }

    public static void secret(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Writes a configuration file into a server's {@code etc/} in one step: Karaf's fileinstall (with
     * {@code enableConfigSave}) that read it half written would save that half back over the whole file, as a
     * clean-clone run saw (an empty {@code org.zonekeeper.agent.cfg} on one server of FrozenLeaderTest).
     */
    public static void config(Path file, CharSequence text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Waits until every configuration file of {@code files} has kept its content for 4 s, writing it again when it
     * has not: Karaf's fileinstall (enableConfigSave) saves each configuration it read back over its file, not in
     * one step, and its own scan reading the file in the middle of that save takes the empty half for the
     * configuration and saves that (an empty {@code org.zonekeeper.agent.cfg} on one server of FrozenLeaderTest, in
     * two runs). Bounded by 30 s.
     */
    public static void settle(Map<Path, String> files) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < java.util.concurrent.TimeUnit.SECONDS.toNanos(4)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("configuration files did not keep their content: " + files.keySet());
            }
            for (Map.Entry<Path, String> file : files.entrySet()) {
                if (!Files.readString(file.getKey()).equals(file.getValue())) {
                    config(file.getKey(), file.getValue());
                    stableSince = System.nanoTime();
                }
            }
            Thread.sleep(200);
        }
    }

    public static int freePort() throws IOException {
        return Ports.free();
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}, ...) to one process: an agent frozen or thawed. */
    public static void signal(String signal, Process process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
    }

    /** A host's power loss as its processes see it: the agent's whole process group (agent and VMs) killed. */
    public static void powerLoss(Process agent) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", "--", "-" + agent.pid()).start().waitFor();
    }

    /** Kills a process and its children (test clean-up). */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
