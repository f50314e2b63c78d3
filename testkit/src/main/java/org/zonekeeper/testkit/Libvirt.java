package org.zonekeeper.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A private libvirt daemon with its QEMU driver, for tests: the monolithic {@code libvirtd} of Debian 12, run as
 * root in a mount namespace of its own, never the system service. The directories libvirtd always uses when root
 * ({@code /etc/libvirt}, {@code /run/libvirt}, {@code /var/lib/libvirt}, {@code /var/cache/libvirt},
 * {@code /var/log/libvirt}) are, in that namespace only, bind mounts of directories under one temp directory; so is
 * a copy of /etc/passwd and /etc/group that adds the {@code libvirt-qemu} user libvirtd insists on resolving when
 * the host lacks it (only libvirt-daemon-system, which brings systemd, creates it). Its socket is
 * {@code DIR/run/libvirt-sock}: {@link #uri()} is {@code qemu:///system?socket=DIR/run/libvirt-sock}.
 *
 * <p>Configured to start in a container without systemd, D-Bus, cgroups or AppArmor: no security driver, no cgroup
 * controllers, no private /dev per domain, QEMU runs as root and logs to {@code DIR/log/qemu/NAME.log} (no
 * virtlogd), and no networks are defined. QEMU's pid files are in {@link #qemuRunDir()}.
 *
 * <pre>{@code
 * try (Libvirt libvirt = Libvirt.start()) {
 *     libvirt.virsh("create", "vm.xml").orThrow();
 * }
 * }</pre>
 *
 * Close it to destroy its domains, stop the daemon, kill what is left in its namespace and delete its directory.
 */
public final class Libvirt extends PrivateDaemon {

    /** What libvirtd uses as root, whatever its configuration says: each is a bind mount of DIR/KEY. */
    private static final Map<String, String> MOUNTS = Map.of("etc", "/etc/libvirt", "run", "/run/libvirt",
            "lib", "/var/lib/libvirt", "cache", "/var/cache/libvirt", "log", "/var/log/libvirt");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(15);
    private static final Duration VIRSH = Duration.ofSeconds(30);

    private static final String LIBVIRTD_CONF = """
            unix_sock_dir = "/run/libvirt"
            unix_sock_rw_perms = "0700"
            unix_sock_ro_perms = "0700"
            unix_sock_admin_perms = "0700"
            auth_unix_rw = "none"
            auth_unix_ro = "none"
            log_outputs = "3:stderr"
            """;
    private static final String QEMU_CONF = """
            security_driver = "none"
            cgroup_controllers = [ ]
            namespaces = [ ]
            stdio_handler = "file"
            user = "root"
            group = "root"
            dynamic_ownership = 0
            remember_owner = 0
            """;

    private final Path dir;
    private final Path virsh;
    private final Process daemon;
    private final String namespace;
    private final String domainType;

    private Libvirt(Path dir, Path virsh, Process daemon, String namespace, String domainType) {
        this.dir = dir;
        this.virsh = virsh;
        this.daemon = daemon;
        this.namespace = namespace;
        this.domainType = domainType;
        stopAtExit("libvirt");
    }

    /**
     * Starts the daemon and waits until its QEMU driver answers. Fails (never skips) when not root or when a
     * binary is missing, naming the Debian package to install.
     */
    public static Libvirt start() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("Libvirt needs root (mount namespace, /dev/kvm); user is "
                    + System.getProperty("user.name"));
        }
        Path libvirtd = Processes.require("libvirtd", "libvirt-daemon");
        Path virsh = Processes.require("virsh", "libvirt-clients");
        Processes.require("qemu-system-x86_64", "qemu-system-x86");
        Path unshare = Processes.require("unshare", "util-linux");
        Path dir = Files.createTempDirectory("zk-libvirt-");
        try {
            StringBuilder script = new StringBuilder("set -eu\n");
            for (Map.Entry<String, String> mount : MOUNTS.entrySet()) {
                Path own = Files.createDirectories(dir.resolve(mount.getKey()));
                // the mount point on the host: an empty directory, as libvirt's packages would leave it
                Files.createDirectories(Path.of(mount.getValue()));
                script.append("mount --bind '").append(own).append("' ").append(mount.getValue()).append('\n');
            }
            Files.writeString(dir.resolve("etc/libvirtd.conf"), LIBVIRTD_CONF);
            Files.writeString(dir.resolve("etc/qemu.conf"), QEMU_CONF);
            for (String db : List.of("passwd", "group")) {
                if (addQemuUser(dir, db)) {
                    script.append("mount --bind '").append(dir.resolve(db)).append("' /etc/").append(db).append('\n');
                }
            }
            script.append("exec '").append(libvirtd).append("' -f /etc/libvirt/libvirtd.conf")
                    .append(" -p /run/libvirt/libvirtd.pid\n");
            Path start = dir.resolve("start.sh");
            Files.writeString(start, script);
            Path log = dir.resolve("libvirtd.log");
            Process p = new ProcessBuilder(unshare.toString(), "--mount", "--propagation", "private", "sh",
                    start.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String namespace = awaitReady(virsh, dir, p, log);
                String capabilities = Processes.run(VIRSH, virsh.toString(), "-q", "-c", uri(dir), "capabilities")
                        .orThrow().stdout();
                return new Libvirt(dir, virsh, p, namespace, capabilities.contains("<domain type='kvm'") ? "kvm"
                        : "qemu");
            } catch (IOException | RuntimeException e) {
                Processes.kill(p, Duration.ZERO);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            DaemonFiles.deleteTree(dir, "Libvirt");
            throw e;
        }
    }

    /** Returns the mount namespace of the ready daemon. */
    private static String awaitReady(Path virsh, Path dir, Process p, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Processes.Result last = null;
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(socket(dir))) {
                last = Processes.run(VIRSH, virsh.toString(), "-q", "-c", uri(dir), "version");
                if (last.ok()) {
                    return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "ns", "mnt"))
                            .toString();
                }
                if (last.stderr().contains("no connection driver available")) {
                    Processes.kill(p, SHUTDOWN);
                    throw new IllegalStateException("libvirtd has no QEMU driver: run ./test.sh, which installs "
                            + "libvirt-daemon and with it libvirt-daemon-driver-qemu");
                }
            }
            DaemonFiles.sleep(100, "libvirtd");
        }
        boolean exited = !p.isAlive();
        Processes.kill(p, Duration.ZERO);
        throw new IOException("libvirtd " + (exited ? "exited " + p.exitValue() : "not ready within " + STARTUP)
                + (last == null ? "" : "; virsh version: " + last.stderr().strip()) + "; last log lines:\n"
                + DaemonFiles.tail(log));
    }

    /** Writes DIR/passwd or DIR/group: the host's plus libvirt-qemu; false if the host has it already. */
    private static boolean addQemuUser(Path dir, String db) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/etc", db));
        if (lines.stream().anyMatch(l -> l.startsWith("libvirt-qemu:"))) {
            return false;
        }
        long id = 64055;
        while (taken(lines, id)) {
            id++;
        }
        List<String> copy = new ArrayList<>(lines);
        copy.add(db.equals("passwd") ? "libvirt-qemu:x:" + id + ":" + id + ":Libvirt Qemu:/var/lib/libvirt:"
                + "/usr/sbin/nologin" : "libvirt-qemu:x:" + id + ":");
        Files.write(dir.resolve(db), copy);
        return true;
    }

    private static boolean taken(List<String> lines, long id) {
        return lines.stream().map(l -> l.split(":")).anyMatch(f -> f.length > 2 && f[2].equals(String.valueOf(id)));
    }

    /** {@code qemu:///system?socket=DIR/run/libvirt-sock}. */
    public String uri() {
        return uri(dir);
    }

    private static String uri(Path dir) {
        return "qemu:///system?socket=" + socket(dir);
    }

    private static Path socket(Path dir) {
        return dir.resolve("run/libvirt-sock");
    }

    /** kvm when libvirt found /dev/kvm usable, else qemu (TCG emulation). */
    public String domainType() {
        return domainType;
    }

    /** The daemon's /run/libvirt/qemu: NAME.pid of each running domain. */
    public Path qemuRunDir() {
        return dir.resolve("run/qemu");
    }

    /** QEMU's pid of a running domain, from libvirt's pid file. */
    public OptionalLong pid(String domain) throws IOException {
        Path file = qemuRunDir().resolve(domain + ".pid");
        return Files.exists(file) ? OptionalLong.of(Long.parseLong(Files.readString(file).strip()))
                : OptionalLong.empty();
    }

    /** The daemon's own directory (configuration, sockets, state, logs), deleted on close. */
    public Path directory() {
        return dir;
    }

    /** Runs {@code virsh -q -c URI args...}. */
    public Processes.Result virsh(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(virsh.toString(), "-q", "-c", uri()));
        command.addAll(List.of(args));
        return Processes.run(VIRSH, command);
    }

    public boolean isRunning() {
        return daemon.isAlive();
    }

    @Override
    protected void stop() {
        try {
            if (daemon.isAlive()) {
                for (String domain : virsh("list", "--name").stdout().strip().lines().toList()) {
                    if (!domain.isBlank()) {
                        virsh("destroy", domain.strip());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("Libvirt: could not destroy the domains: " + e.getMessage());
        }
        Processes.kill(daemon, SHUTDOWN);
        killNamespace();
        DaemonFiles.deleteTree(dir, "Libvirt");
    }

    /** Kills what is left in the daemon's mount namespace: QEMU processes it daemonized, helpers. */
    private void killNamespace() {
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(h -> namespace.equals(namespaceOf(h)))
                .toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : left) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("Libvirt: process " + h.pid() + " still there after SIGKILL: " + e);
            }
        }
    }

    private static String namespaceOf(ProcessHandle h) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "ns", "mnt")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "Libvirt[" + uri() + "]";
    }
}
