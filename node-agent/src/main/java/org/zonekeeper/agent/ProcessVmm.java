package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code process} VMM: a VM is an OS process, by default the heartbeat guest writing to its disk file. The VMs
 * stay in the agent's process group, so what kills the host's processes (a power-off) kills them too. Each running
 * VM is recorded in the state directory (pid and start time), so a restarted agent adopts the live ones instead of
 * starting copies.
 */
final class ProcessVmm implements Vmm {

    private final Path stateDir;
    private final String hostName;
    private final Map<String, ProcessHandle> running = new TreeMap<>();
    private final Map<String, String> ended = new TreeMap<>();

    ProcessVmm(Path stateDir, String hostName) throws IOException {
        this.stateDir = Files.createDirectories(stateDir);
        this.hostName = hostName;
        adopt();
    }

    @Override
    public synchronized Vm deploy(DeployRequest spec) throws IOException {
        ProcessHandle live = alive(spec.name());
        if (live != null) {
            return new Vm(spec.name(), "RUNNING", live.pid());
        }
        List<String> command = spec.command().isEmpty() ? guest(spec) : spec.command();
        Path log = stateDir.resolve(spec.name() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ProcessHandle handle = p.toHandle();
        running.put(spec.name(), handle);
        ended.remove(spec.name());
        Files.writeString(record(spec.name()), handle.pid() + " " + started(handle) + "\n");
        return new Vm(spec.name(), "RUNNING", handle.pid());
    }

    /** Stops the VM and its children; unknown or stopped VMs are fine. */
    @Override
    public synchronized void stop(String name) throws IOException {
        ProcessHandle handle = running.remove(name);
        if (handle != null) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            handle.onExit().join();
        }
        Files.deleteIfExists(record(name));
        ended.put(name, "STOPPED");
    }

    @Override
    public synchronized Vm status(String name) {
        ProcessHandle live = alive(name);
        if (live != null) {
            return new Vm(name, "RUNNING", live.pid());
        }
        return new Vm(name, ended.getOrDefault(name, "UNKNOWN"), 0);
    }

    @Override
    public synchronized List<Vm> list() {
        List<Vm> all = new ArrayList<>();
        for (String name : new ArrayList<>(running.keySet())) {
            all.add(status(name));
        }
        ended.forEach((name, state) -> all.add(new Vm(name, state, 0)));
        return all;
    }

    /** The live process of a VM; one that died without a stop is marked FAILED. */
    private ProcessHandle alive(String name) {
        ProcessHandle handle = running.get(name);
        if (handle != null && !handle.isAlive()) {
            running.remove(name);
            ended.put(name, "FAILED");
            try {
                Files.deleteIfExists(record(name));
            } catch (IOException e) {
                // the record is only used for adoption; a stale one is checked against the start time
            }
            return null;
        }
        return handle;
    }

    private List<String> guest(DeployRequest spec) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                "org.zonekeeper.agent.guest.HeartbeatGuest", spec.disk(), spec.name(), hostName);
    }

    private void adopt() throws IOException {
        try (var files = Files.list(stateDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".vm")).toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.vm$", "");
                String[] saved = Files.readString(f).strip().split(" ");
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(saved[0]));
                if (handle.isPresent() && handle.get().isAlive() && started(handle.get()).equals(saved[1])) {
                    running.put(name, handle.get());
                } else {
                    Files.delete(f);
                    ended.put(name, "FAILED");
                }
            }
        }
    }

    private Path record(String name) {
        return stateDir.resolve(name + ".vm");
    }

    private static String started(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toString).orElse("-");
    }
}
