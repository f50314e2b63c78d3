package org.zonekeeper.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * hook-scripts/raft/vip.sh, run for real inside a network namespace ("server", interface
 * v0) cabled to another one ("lan", interface v1) that records the gratuitous ARPs it hears.
 */
public class VipScriptTest {

    private static final String VIP = "10.77.0.10/24";
    private static final String VIP2 = "10.77.1.10/32";
    private static final String OWN = "10.77.0.2/24";

    private String script;
    private NetNamespace server;
    private NetNamespace lan;

    @Before
    public void setUp() throws IOException {
        String dir = System.getProperty("zonekeeper.hookScripts");
        assertNotNull("system property zonekeeper.hookScripts is not set (run through Maven)", dir);
        Path vip = Path.of(dir, "raft", "vip.sh").toAbsolutePath().normalize();
        assertTrue(vip + " is missing or not executable", Files.isExecutable(vip));
        script = vip.toString();
        Processes.require("arping", "arping");

        server = NetNamespace.create();
        lan = NetNamespace.create();
        server.link("v0", lan, "v1");
        // Let the lan side learn neighbours from unsolicited ARP.
        lan.exec(Duration.ofSeconds(10), "sysctl", "-w", "net.ipv4.conf.v1.arp_accept=1").orThrow();
    }

    @After
    public void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    public void leaderAddsEveryAddressAndAnnouncesIt() throws IOException {
        Processes.Result r = vip("leader", "v0", VIP, "v0", VIP2);
        assertEquals(r.stderr(), 0, r.exitCode());
        assertEquals("no warning expected", "", r.stderr());
        assertEquals(List.of(VIP, VIP2), server.ipv4Addresses("v0"));

        String mac = server.exec(Duration.ofSeconds(10), "cat", "/sys/class/net/v0/address").orThrow().stdout().strip();
        for (String addr : List.of(VIP, VIP2)) {
            String ip = addr.substring(0, addr.indexOf('/'));
            String neigh = lan.ip("neigh", "show", ip, "dev", "v1").stdout();
            assertTrue("lan did not learn " + ip + " -> " + mac + " by gratuitous ARP: '" + neigh + "'",
                    neigh.contains("lladdr " + mac));
        }
    }

    @Test
    public void leaderTwiceIsIdempotent() throws IOException {
        for (int i = 0; i < 2; i++) {
            Processes.Result r = vip("leader", "v0", VIP);
            assertEquals(r.stderr(), 0, r.exitCode());
            assertEquals("", r.stderr());
        }
        assertEquals(List.of(VIP), server.ipv4Addresses("v0"));
    }

    @Test
    public void followerRemovesOnlyTheFloatingAddressAndIsIdempotent() throws IOException {
        server.ip("addr", "add", OWN, "dev", "v0");
        assertEquals(0, vip("leader", "v0", VIP).exitCode());
        assertEquals(List.of(OWN, VIP), server.ipv4Addresses("v0"));

        for (int i = 0; i < 2; i++) {
            Processes.Result r = vip("follower", "v0", VIP);
            assertEquals(r.stderr(), 0, r.exitCode());
            assertEquals("", r.stderr());
            assertEquals(List.of(OWN), server.ipv4Addresses("v0"));
        }
    }

    @Test
    public void badArgumentsExit2WithOneLineAndChangeNothing() throws IOException {
        List<List<String>> cases = List.of(
                List.of(),
                List.of("boss", "v0", VIP),
                List.of("leader"),
                List.of("leader", "v0"),
                List.of("leader", "v0", "10.77.0.10"),
                List.of("leader", "v0", "10.77.0.256/24"),
                List.of("leader", "v0", "10.77.0.10/33"),
                List.of("leader", "v0", "fe80::1/64"),
                List.of("leader", "v0 ; true", VIP),
                List.of("leader", "v0", VIP, "v0"),
                List.of("follower", "v0", VIP, "v0", "nonsense"));
        for (List<String> args : cases) {
            Processes.Result r = vip(args.toArray(String[]::new));
            assertEquals(args + ": " + r.stderr(), 2, r.exitCode());
            List<String> lines = r.stderr().lines().toList();
            assertEquals(args + ": one line expected, got " + lines, 1, lines.size());
            assertTrue(args + ": " + lines, lines.get(0).startsWith("vip.sh: ") && lines.get(0).contains("usage:"));
            assertEquals(args + ": nothing on stdout", "", r.stdout());
        }
        assertEquals(List.of(), server.ipv4Addresses("v0"));
    }

    @Test
    public void failingIpCommandExitsNonZero() throws IOException {
        Processes.Result r = vip("leader", "nosuch0", VIP);
        assertEquals(r.stderr(), 1, r.exitCode());
        assertTrue(r.stderr(), r.stderr().contains("nosuch0"));

        // The other pairs are still done.
        r = vip("leader", "nosuch0", VIP, "v0", VIP2);
        assertEquals(1, r.exitCode());
        assertEquals(List.of(VIP2), server.ipv4Addresses("v0"));
    }

    private Processes.Result vip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(script));
        cmd.addAll(List.of(args));
        return server.exec(Duration.ofSeconds(30), cmd.toArray(String[]::new));
    }
}
