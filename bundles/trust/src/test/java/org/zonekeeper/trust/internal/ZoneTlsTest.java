package org.zonekeeper.trust.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

public class ZoneTlsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aKeyMadeOnItsMachineIsSignedByTheCaWithoutTravelling() throws Exception {
        Path ca = folder.getRoot().toPath().resolve("ca");
        Path node = folder.getRoot().toPath().resolve("kvm-7");
        assertTrue(ZoneTls.run(List.of("ca", ca.toString(), "prod")).startsWith("created the zone's CA in " + ca));
        String requested = ZoneTls.run(List.of("request", node.toString(), "host", "kvm-7"));
        assertEquals("wrote " + node.resolve(ZoneTrust.KEY) + " and " + node.resolve(ZoneCa.REQUEST)
                + ": have it signed with zone-tls sign", requested);
        Path signedInto = folder.getRoot().toPath().resolve("signed");
        Files.createDirectories(signedInto);
        ZoneTls.run(List.of("sign", ca.toString(), node.resolve(ZoneCa.REQUEST).toString(), signedInto.toString()));
        Files.copy(node.resolve(ZoneTrust.KEY), signedInto.resolve(ZoneTrust.KEY));
        assertEquals(new Peer(Role.HOST, "kvm-7"), ZoneTrust.load(signedInto).self());
        assertTrue(ZoneTls.run(List.of("show", signedInto.toString())).startsWith("host kvm-7, valid until "));
    }

    @Test
    public void badArgumentsAreRefusedInOneLineWithTheUsage() throws Exception {
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> ZoneTls.run(List.of("request", folder.getRoot().toString(), "admin", "x")));
        assertEquals("ROLE 'admin' is none of [server, host, client]", role.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> ZoneTls.run(List.of("request", folder.getRoot().toString(), "server", "zk 0")));
        assertTrue(name.getMessage(), name.getMessage().contains("not 'zk 0'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZoneTls.run(List.of("frobnicate")))
                .getMessage().contains("usage: zone-tls ca CA_DIR"));
        ZoneException missing = assertThrows(ZoneException.class,
                () -> ZoneTls.run(List.of("show", folder.getRoot().toString())));
        assertEquals(folder.getRoot().toPath().resolve(ZoneTrust.CA) + " is missing: create this machine's "
                + "certificate with bin/zone-tls (docs/security.md)", missing.getMessage());
    }
}
