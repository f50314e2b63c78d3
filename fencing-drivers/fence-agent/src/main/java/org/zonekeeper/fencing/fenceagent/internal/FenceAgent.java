package org.zonekeeper.fencing.fenceagent.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.fencing.support.BmcCommand;

/**
 * One ClusterLabs fence agent for one device: every option, the password included, goes on its standard input as
 * {@code key=value} lines (nothing on the command line); the agent's own waits are set from the device's timeouts
 * so that they end before our deadline.
 */
final class FenceAgent {
    /** Options zonekeeper sets itself from the device. */
    static final Set<String> OWN = Set.of("action", "ip", "ipaddr", "ipport", "username", "login", "password",
            "passwd", "passwd_script", "password_script", "plug", "port", "power_timeout", "power_wait",
            "login_timeout", "shell_timeout", "verbose", "verbose_level", "debug", "debug_file");
    private static final Set<String> SEARCHED = Set.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin");

    private final Path agent;
    private final FenceDevice device;

    private FenceAgent(Path agent, FenceDevice device) {
        this.agent = agent;
        this.device = device;
    }

    static FenceAgent of(FenceDevice device, AgentMetadata metadata) throws FencingException {
        String name = device.option("agent").orElseThrow(() -> new FencingException(Kind.CONFIG,
                "fence-agent device " + device.name() + ": agent: is required (e.g. fence_ipmilan)"));
        Path agent = locate(device, name);
        Set<String> accepted = metadata.parameters(agent);
        for (String key : device.options().keySet()) {
            if (key.equals("agent")) {
                continue;
            }
            if (OWN.contains(key)) {
                throw new FencingException(Kind.CONFIG, "fence-agent device " + device.name() + ": " + key
                        + ": is set by zonekeeper from the device (address, port, username, password.file, plug, "
                        + "timeouts); remove it");
            }
            if (!accepted.contains(key)) {
                throw new FencingException(Kind.CONFIG, "fence-agent device " + device.name() + ": " + key
                        + ": is not an option of " + agent.getFileName());
            }
        }
        return new FenceAgent(agent, device);
    }

    private static Path locate(FenceDevice device, String name) throws FencingException {
        if (name.startsWith("/")) {
            if (Files.isExecutable(Path.of(name))) {
                return Path.of(name);
            }
        } else if (name.matches("fence_[A-Za-z0-9_-]+")) {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : concat(SEARCHED, path.split(":"))) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        } else {
            throw new FencingException(Kind.CONFIG, "fence-agent device " + device.name() + ": agent: '" + name
                    + "' is neither a fence_* name nor an absolute path");
        }
        throw new FencingException(Kind.CONFIG, "fence-agent device " + device.name() + ": fence agent " + name
                + " not found (install fence-agents?)");
    }

    private static Set<String> concat(Set<String> first, String[] more) {
        Set<String> all = new java.util.LinkedHashSet<>(first);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** Runs one action; returns the agent's exit code (status: 0 on, 2 off). */
    BmcCommand.Result run(String action, String plug) throws FencingException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("action", action);
        options.put("ip", device.address());
        if (device.port() != 0) {
            options.put("ipport", String.valueOf(device.port()));
        }
        if (!device.username().isEmpty()) {
            options.put("username", device.username());
        }
        if (!device.password().isEmpty()) {
            options.put("password", device.password().reveal());
        }
        if (!plug.isEmpty()) {
            options.put("plug", plug);
        }
        options.put("login_timeout", seconds(device.timeout()));
        options.put("shell_timeout", seconds(device.timeout()));
        options.put("power_timeout", seconds(device.powerTimeout()));
        options.put("power_wait", seconds(device.powerWait()));
        device.options().forEach((k, v) -> {
            if (!k.equals("agent")) {
                options.put(k, v);
            }
        });
        String stdin = options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        BmcCommand.Result r = BmcCommand.of(agent.toString()).stdin(stdin).run(device.deadline());
        return new BmcCommand.Result(r.exitCode(), scrub(r.stdout()), scrub(r.stderr()));
    }

    /** Drops any output line holding the password (agents may echo their options). */
    private String scrub(String text) {
        String secret = device.password().reveal();
        if (secret.isEmpty()) {
            return text;
        }
        return text.lines().filter(l -> !l.contains(secret)).collect(Collectors.joining("\n"));
    }

    String name() {
        return agent.getFileName().toString();
    }

    private static String seconds(Duration d) {
        return String.valueOf(Math.max(0, (d.toMillis() + 999) / 1000));
    }
}
