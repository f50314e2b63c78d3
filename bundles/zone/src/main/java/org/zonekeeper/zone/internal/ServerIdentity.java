package org.zonekeeper.zone.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

/** This server's zone certificate, checked to name this server; null with the zone's TLS off. */
final class ServerIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentity.class);

    private ServerIdentity() {
    }

    static ZoneTrust load(ZoneSettings settings) {
        if (!settings.tls()) {
            LOG.warn("server {}: tls.enabled = false: the Raft and status ports admit whoever reaches them",
                    settings.self().name());
            return null;
        }
        Path dir = settings.tlsDir();
        if (settings.solo() && !Files.exists(dir.resolve(ZoneTrust.CERTIFICATE))) {
            // alone, this server is the first of its zone: it makes the zone's CA
            ZoneCa.create(dir.resolve("ca"), settings.self().name()).issue(dir,
                    new Peer(Role.SERVER, settings.self().name()));
            LOG.info("solo server: created the zone's CA in {} and this server's certificate", dir.resolve("ca"));
        }
        ZoneTrust trust = ZoneTrust.load(dir);
        Peer expected = new Peer(Role.SERVER, settings.self().name());
        if (!trust.self().equals(expected)) {
            throw new ZoneException(dir.resolve(ZoneTrust.CERTIFICATE) + " names " + trust.self() + ", not "
                    + expected + " (this server in servers)");
        }
        return trust;
    }
}
