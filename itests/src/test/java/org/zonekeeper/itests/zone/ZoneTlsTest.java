package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.itests.support.LoopbackCapture;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;
import org.zonekeeper.testkit.Processes;

/**
 * The shipped servers' Raft and status ports speak mutual TLS with the zone's certificates only, checked from
 * outside with Debian's openssl and tcpdump.
 */
public class ZoneTlsTest {

    private LocalZone zone;

    @After
    public void down() {
        if (zone != null) {
            zone.close();
        }
    }

    /** openssl s_client sending "status" to {@code port}, with zone-local's client certificate or none. */
    private String sClient(int port, boolean certificate) throws Exception {
        Path openssl = Processes.require("openssl", "openssl");
        Path client = zone.home().resolve("client");
        String cert = certificate ? " -cert " + client.resolve("node.crt") + " -key " + client.resolve("node.key") : "";
        Processes.Result r = Processes.run(Duration.ofSeconds(20), "bash", "-c", "printf 'status\\n' | timeout 5 "
                + openssl + " s_client -connect 127.0.0.1:" + port + " -tls1_3 -ign_eof -verify_return_error -CAfile "
                + zone.home().resolve("ca/ca.crt") + cert + " 2>&1");
        return r.stdout();
    }

    @Test
    public void theRaftAndStatusPortsAdmitOnlyCertificatesOfTheZoneAndCarryNothingInClear() throws Exception {
        zone = LocalZone.create("tls");
        zone.up(3);
        int raft = zone.raftPort(1);
        String stranger = sClient(raft + 1, false);
        assertTrue(stranger, stranger.contains("alert bad certificate"));
        assertFalse(stranger, stranger.contains("ok leader") || stranger.contains("ok follower"));
        assertTrue("the Raft port too", sClient(raft, false).contains("alert bad certificate"));
        String member = sClient(raft + 1, true);
        assertTrue(member, member.contains("Verify return code: 0 (ok)"));
        assertTrue(member, member.contains("ok leader ") || member.contains("ok follower "));
        String raftMember = sClient(raft, true);
        assertTrue(raftMember, raftMember.contains("Verify return code: 0 (ok)") && !raftMember.contains("alert"));

        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            filter.append(i == 0 ? "" : " or ").append("port ").append(zone.raftPort(i)).append(" or port ")
                    .append(zone.raftPort(i) + 1);
        }
        String bytes = LoopbackCapture.during(zone.home().resolve("lo.pcap"), filter.toString(), () -> {
            zone.exec(0, "host:create --address 10.9.8.7 --vmm kvm marker-host-4711");
            zone.exec(2, "host:list --consistent");
            zone.exec(1, "zone:show");
            Thread.sleep(2000); // heartbeats and appends between the servers
        });
        assertTrue("Raft and status traffic was captured: " + bytes.length() + " bytes", bytes.length() > 5_000);
        for (String clear : List.of("marker-host-4711", "10.9.8.7", "status", "ok leader", "ok follower")) {
            assertFalse(clear + " crossed loopback in clear", bytes.contains(clear));
        }
    }

    @Test
    public void aServerWhoseKeyOthersCanReadStartsNoZoneAndSaysWhy() throws Exception {
        zone = LocalZone.create("tls-key");
        zone.up(1);
        Path key = zone.serverDir(0).resolve("etc/tls/node.key");
        zone.stop(0);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        zone.start(0);
        ZoneLocalException e = org.junit.Assert.assertThrows(ZoneLocalException.class, () -> zone.exec(0, "zone:show"));
        assertTrue(e.output(), e.output().contains(key + " is open to others (mode rw-r--r--): chmod 600 it"));
        zone.stop(0);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        zone.start(0);
        Await.until(Duration.ofSeconds(60), "server 0 leading again", () -> zone.exec(0, "zone:show"),
                show -> LocalZone.leaderIn(show) == 0);
    }
}
