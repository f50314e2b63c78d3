package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * The {@code kvm} VMM: a VM is a transient libvirt domain, driven through virsh. Transient means libvirt forgets a
 * domain once it is destroyed or powered off, so a host that lost power has no definitions left to start copies
 * from. libvirt is the truth about what runs; the agent only records in the state directory which domains it
 * started ({@code NAME.kvm}), so that one gone without a stop is FAILED, also after the agent restarted.
 *
 * <p>States: running, blocked, paused, in shutdown and pmsuspended are RUNNING (a QEMU process holds the disk, so the
 * VM must not be started elsewhere); crashed is FAILED; a domain that is gone (or shut off) is STOPPED after our own
 * stop, FAILED if we started it, otherwise UNKNOWN (STOPPED if shut off).
 */
final class KvmVmm implements Vmm {
    private static final Set<String> ACTIVE = Set.of("running", "blocked", "paused", "in shutdown", "pmsuspended");
    private static final Pattern NO_DOMAIN = Pattern.compile("failed to get domain|Domain not found");
    private static final Pattern NOT_RUNNING = Pattern.compile("domain is not running");

    private final Path stateDir;
    private final KvmSettings settings;
    private final Virsh virsh;
    private final Set<String> started = new TreeSet<>();
    private final Map<String, String> ended = new TreeMap<>();

    KvmVmm(Path stateDir, KvmSettings settings) throws IOException {
        this(stateDir, settings, new Virsh(settings.uri(), Virsh.TIMEOUT));
    }

    KvmVmm(Path stateDir, KvmSettings settings, Virsh virsh) throws IOException {
        this.stateDir = Files.createDirectories(stateDir);
        this.settings = settings;
        this.virsh = virsh;
        try (var files = Files.list(stateDir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".kvm"))
                    .forEach(f -> started.add(f.substring(0, f.length() - 4)));
        }
    }

    @Override
    public synchronized Vm deploy(DeployRequest spec) throws IOException {
        String name = spec.name();
        if (!spec.command().isEmpty()) {
            throw new IllegalArgumentException("command: the kvm VMM boots the disk image; it runs no command");
        }
        if (spec.memoryMb() < 1) {
            throw new IllegalArgumentException("memoryMb: the kvm VMM needs the VM's memory in MiB");
        }
        String state = domainState(name);
        if (state != null && ACTIVE.contains(state)) {
            return new Vm(name, "RUNNING", pid(name));
        }
        if ("crashed".equals(state)) {
            destroy(name);
        }
        Path xml = stateDir.resolve(name + ".xml");
        Files.writeString(xml, DomainXml.of(spec, settings.domainType(), directIo(Path.of(spec.disk()))));
        Files.writeString(record(name), "");
        try {
            virsh.output("create " + name, "create", xml.toString());
        } catch (IOException e) {
            Files.deleteIfExists(record(name));
            throw e;
        } finally {
            Files.deleteIfExists(xml);
        }
        started.add(name);
        ended.remove(name);
        return new Vm(name, "RUNNING", pid(name));
    }

    /** Destroys the domain (QEMU is gone when this returns); unknown or stopped ones are fine. */
    @Override
    public synchronized void stop(String name) throws IOException {
        destroy(name);
        started.remove(name);
        Files.deleteIfExists(record(name));
        ended.put(name, "STOPPED");
    }

    @Override
    public synchronized Vm status(String name) throws IOException {
        String state = domainState(name);
        if (state != null && ACTIVE.contains(state)) {
            return new Vm(name, "RUNNING", pid(name));
        }
        if ("crashed".equals(state)) {
            markEnded(name, "FAILED");
            return new Vm(name, "FAILED", 0);
        }
        if (started.contains(name)) {
            markEnded(name, "FAILED");
        }
        String otherwise = "shut off".equals(state) ? "STOPPED" : "UNKNOWN";
        return new Vm(name, ended.getOrDefault(name, otherwise), 0);
    }

    /** The active domains (all RUNNING), and the VMs the agent saw end. */
    @Override
    public synchronized List<Vm> list() throws IOException {
        List<String> active = virsh.output("list", "list", "--name").lines().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        for (String name : new ArrayList<>(started)) {
            if (!active.contains(name)) {
                markEnded(name, "FAILED");
            }
        }
        List<Vm> all = new ArrayList<>();
        for (String name : active) {
            all.add(new Vm(name, "RUNNING", pid(name)));
        }
        ended.forEach((name, state) -> {
            if (!active.contains(name)) {
                all.add(new Vm(name, state, 0));
            }
        });
        return all;
    }

    /** The domain's state as virsh says it ("running", "paused", ...), or null when libvirt has no such domain. */
    private String domainState(String name) throws IOException {
        Virsh.Result r = virsh.run("domstate " + name, "domstate", name);
        if (r.ok()) {
            return r.out().strip();
        }
        if (NO_DOMAIN.matcher(r.err()).find()) {
            return null;
        }
        throw Virsh.failure("domstate " + name, r);
    }

    private void destroy(String name) throws IOException {
        Virsh.Result r = virsh.run("destroy " + name, "destroy", name);
        if (!r.ok() && !NO_DOMAIN.matcher(r.err()).find() && !NOT_RUNNING.matcher(r.err()).find()) {
            throw Virsh.failure("destroy " + name, r);
        }
    }

    private void markEnded(String name, String state) throws IOException {
        started.remove(name);
        Files.deleteIfExists(record(name));
        ended.put(name, state);
    }

    /** QEMU's pid from libvirt's pid file, 0 if there is none (e.g. a remote URI) or it is stale. */
    private long pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(settings.pidDir().resolve(name + ".pid")).strip());
            return ProcessHandle.of(pid).isPresent() ? pid : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the disk file can be opened with O_DIRECT, which QEMU's cache='none' needs (tmpfs cannot). */
    private static boolean directIo(Path disk) {
        try (FileChannel c = FileChannel.open(disk, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private Path record(String name) {
        return stateDir.resolve(name + ".kvm");
    }
}
