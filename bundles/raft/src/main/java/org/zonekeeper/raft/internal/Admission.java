package org.zonekeeper.raft.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneTrust;

/**
 * Who may reach this server's Raft and status ports, and the sockets that prove it. With the zone's TLS on, a peer
 * is admitted only with a certificate of the zone's CA that names a server in the replicated {@code servers} list
 * (a deleted server's certificate stops working at once) or a client; a host's certificate never is. With
 * {@code tls.enabled = false} every peer is admitted, as before zone TLS.
 */
final class Admission {

    private final ZoneTrust trust;
    private final Supplier<List<ZoneServer>> servers;

    /** {@code trust} null: TLS off. */
    Admission(ZoneTrust trust, Supplier<List<ZoneServer>> servers) {
        this.trust = trust;
        this.servers = servers;
    }

    boolean tls() {
        return trust != null;
    }

    ZoneTrust trust() {
        return trust;
    }

    /** A zone server of the replicated list: may talk Raft, read status and reset a server. */
    boolean member(Peer peer) {
        return peer.role() == Role.SERVER && servers.get().stream().anyMatch(s -> s.name().equals(peer.name()));
    }

    /** May submit commands and read status: a member or a client. */
    boolean admits(Peer peer) {
        return member(peer) || peer.role() == Role.CLIENT;
    }

    /** Why {@code peer} (empty: none proved) is not admitted, or null if it is (always, with TLS off). */
    String refusal(Optional<Peer> peer) {
        if (trust == null) {
            return null;
        }
        if (peer.isEmpty()) {
            return "no certificate of the zone";
        }
        return admits(peer.get()) ? null : peer.get() + " is not a server of the zone nor a client";
    }

    /** Whether {@code peer} (empty: none proved) may ask this server to reset: a member (anyone, TLS off). */
    boolean mayReset(Optional<Peer> peer) {
        return trust == null || peer.filter(this::member).isPresent();
    }

    /** Whether {@code peer} is the server the replicated list places at {@code host:port}. */
    boolean isServerAt(Peer peer, String host, int port) {
        return member(peer) && servers.get().stream().filter(s -> s.name().equals(peer.name()))
                .map(s -> CopycatParts.address(s.endpoint()))
                .anyMatch(a -> a.port() == port && sameHost(a.host(), host));
    }

    private static boolean sameHost(String configured, String connected) {
        if (configured.equals(connected)) {
            return true;
        }
        try {
            return java.net.InetAddress.getByName(configured).equals(java.net.InetAddress.getByName(connected));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    ServerSocket listen(InetSocketAddress address) throws IOException {
        if (trust != null) {
            return trust.listen(address);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address);
        return socket;
    }

    /** A connection to the server {@code name}; with TLS, refused unless the peer proves to be that server. */
    Socket connect(InetSocketAddress address, String name, int timeoutMs) throws IOException {
        if (trust == null) {
            Socket socket = new Socket();
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return socket;
        }
        SSLSocket socket = trust.connect(address, timeoutMs);
        Optional<Peer> peer = ZoneTrust.peer(socket.getSession());
        if (peer.isEmpty() || peer.get().role() != Role.SERVER || !peer.get().name().equals(name)) {
            socket.close();
            throw new IOException(address + " answered as " + peer.map(Peer::toString).orElse("nobody")
                    + ", not as server " + name);
        }
        return socket;
    }

    /** Who the peer of an accepted connection is (with TLS: after its handshake); empty with TLS off. */
    Optional<Peer> peer(Socket accepted) throws IOException {
        if (!(accepted instanceof SSLSocket ssl)) {
            return Optional.empty();
        }
        ssl.startHandshake();
        return ZoneTrust.peer(ssl.getSession());
    }
}
