package org.zonekeeper.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Linux network namespace for tests: a separate "host" with its own interfaces and
 * addresses. Needs root and {@code ip} (iproute2). Close it to delete the namespace and
 * every interface in it.
 *
 * <p>Interfaces are veth pairs (the {@code dummy} kernel module is not available
 * everywhere): {@link #addVeth(String)} keeps both ends here, {@link #link} puts the
 * other end in another namespace, like a cable between two hosts.
 */
public final class NetNamespace implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String ip;

    private NetNamespace(String name, String ip) {
        this.name = name;
        this.ip = ip;
    }

    /** Creates a namespace with a unique name and its loopback up. */
    public static NetNamespace create() throws IOException {
        String ip = Processes.require("ip", "iproute2").toString();
        String name = "zk-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Processes.run(TIMEOUT, ip, "netns", "add", name).orThrow();
        NetNamespace ns = new NetNamespace(name, ip);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Adds interface {@code iface}, up, whose veth peer {@code iface + "p"} is also here and up. */
    public void addVeth(String iface) throws IOException {
        ip("link", "add", iface, "type", "veth", "peer", "name", iface + "p");
        ip("link", "set", iface, "up");
        ip("link", "set", iface + "p", "up");
    }

    /** Connects {@code iface} here to {@code otherIface} in {@code other} with a veth pair; both up. */
    public void link(String iface, NetNamespace other, String otherIface) throws IOException {
        ip("link", "add", iface, "type", "veth", "peer", "name", otherIface, "netns", other.name);
        ip("link", "set", iface, "up");
        other.ip("link", "set", otherIface, "up");
    }

    /**
     * Connects this namespace to the one the tests run in with a veth pair: {@code outside} there with address
     * {@code outsideCidr}, {@code inside} here with {@code insideCidr}, both up. Deleting the namespace removes both.
     */
    public void linkOut(String outside, String outsideCidr, String inside, String insideCidr) throws IOException {
        Processes.run(TIMEOUT, ip, "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", name)
                .orThrow();
        Processes.run(TIMEOUT, ip, "addr", "add", outsideCidr, "dev", outside).orThrow();
        Processes.run(TIMEOUT, ip, "link", "set", outside, "up").orThrow();
        ip("addr", "add", insideCidr, "dev", inside);
        ip("link", "set", inside, "up");
    }

    /** Takes the outside end of a {@link #linkOut} pair down or up: the namespace is cut off, or back. */
    public void setOutside(String outside, boolean up) throws IOException {
        Processes.run(TIMEOUT, ip, "link", "set", outside, up ? "up" : "down").orThrow();
    }

    /** The command prefix that runs a program inside the namespace. */
    public List<String> execPrefix() {
        return List.of(ip, "netns", "exec", name);
    }

    /** Runs {@code ip -n NAME args...}, failing on a non-zero exit. */
    public Processes.Result ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ip, "-n", name));
        cmd.addAll(List.of(args));
        return Processes.run(TIMEOUT, cmd).orThrow();
    }

    /** Runs a command inside the namespace ({@code ip netns exec}); any exit code is returned. */
    public Processes.Result exec(Duration timeout, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", name));
        cmd.addAll(List.of(command));
        return Processes.run(timeout, cmd);
    }

    /** The IPv4 addresses on {@code iface}, as {@code IP/CIDR}, in the kernel's order. */
    public List<String> ipv4Addresses(String iface) throws IOException {
        List<String> addrs = new ArrayList<>();
        for (String line : ip("-o", "-4", "addr", "show", "dev", iface).stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[2].equals("inet")) {
                addrs.add(f[3]);
            }
        }
        return addrs;
    }

    /** Deletes the namespace; its interfaces (and veth peers elsewhere) go with it. */
    @Override
    public void close() throws IOException {
        Processes.run(TIMEOUT, ip, "netns", "delete", name).orThrow();
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
