package org.zonekeeper.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;

import org.zonekeeper.api.ZoneException;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneTrust;

/**
 * The checked content of the agent's configuration file; a bad value is an {@link IllegalArgumentException}.
 * {@code trust} is this host's zone certificate, null with {@code tls.enabled = false}.
 */
record AgentSettings(String listenHost, int port, String token, String hostName, Path stateDir, String vmm,
        Path diskDir, KvmSettings kvm, ZoneTrust trust) {

    static AgentSettings load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        String where = file.getFileName().toString();
        String listen = p.getProperty("listen", "0.0.0.0:8380").trim();
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(where + ": listen: '" + listen + "' is not HOST:PORT");
        }
        if (colon <= 0 || port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ": listen: '" + listen + "' is not HOST:PORT");
        }
        String host = p.getProperty("host.name", "").trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException(where + ": host.name: is required (the host's name in the zone)");
        }
        Path state = Path.of(p.getProperty("state.dir", "/var/lib/zonekeeper/agent").trim());
        String vmm = p.getProperty("vmm", "kvm").trim();
        if (!vmm.equals("process") && !vmm.equals("kvm")) {
            throw new IllegalArgumentException(where + ": vmm: '" + vmm + "' is not process or kvm");
        }
        if (vmm.equals("process") && !p.getProperty("process.enabled", "false").trim().equals("true")) {
            throw new IllegalArgumentException(where + ": vmm: process runs whatever command a deploy names, as "
                    + "this agent's user: it is for tests only, and needs process.enabled = true");
        }
        Path disks = Path.of(p.getProperty("disk.dir", "/var/lib/zonekeeper/datastore").trim()).normalize();
        if (!disks.isAbsolute()) {
            throw new IllegalArgumentException(where + ": disk.dir: '" + disks + "' is not an absolute path");
        }
        return new AgentSettings(listen.substring(0, colon), port, token(where, p, file), host, state, vmm, disks,
                KvmSettings.load(where, p), trust(where, p, file, host));
    }

    /** This host's certificate from {@code tls.dir}, checked to name it; null with {@code tls.enabled = false}. */
    private static ZoneTrust trust(String where, Properties p, Path config, String host) {
        String enabled = p.getProperty("tls.enabled", "true").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(where + ": tls.enabled: '" + enabled + "' is neither true nor false");
        }
        if (enabled.equals("false")) {
            return null;
        }
        Path dir = config.toAbsolutePath().getParent().resolve(p.getProperty("tls.dir", "tls").trim());
        ZoneTrust trust;
        try {
            trust = ZoneTrust.load(dir);
        } catch (ZoneException e) {
            throw new IllegalArgumentException(where + ": tls.dir: " + e.getMessage());
        }
        Peer expected = new Peer(Role.HOST, host);
        if (!trust.self().equals(expected)) {
            throw new IllegalArgumentException(where + ": tls.dir: " + dir.resolve(ZoneTrust.CERTIFICATE) + " names "
                    + trust.self() + ", not " + expected + " (host.name)");
        }
        return trust;
    }

    private static String token(String where, Properties p, Path config) {
        String name = p.getProperty("token.file", "").trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": token.file: is required");
        }
        Path file = config.toAbsolutePath().getParent().resolve(name);
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException(where + ": token.file: " + file + " is readable by others "
                        + "(chmod 600 it)");
            }
            String token = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException(where + ": token.file: " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": token.file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
