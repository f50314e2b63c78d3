package org.zonekeeper.trust;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import org.zonekeeper.api.ZoneServer;

/**
 * Who may reach this server's Raft and status ports, and the sockets that prove it. With the zone's TLS on, a peer
 * is admitted only with a certificate of the zone's CA that names a server in the replicated {@code servers} list
 * (a deleted server's certificate stops working at once) or a client; a host's certificate never is. With
 * {@code tls.enabled = false} every peer is admitted, as before zone TLS.
 */
public final class Admission {

    private final ZoneTrust trust;
    private final Supplier<List<ZoneServer>> servers;

    /** {@code trust} null: TLS off. */
    public Admission(ZoneTrust trust, Supplier<List<ZoneServer>> servers) {
        this.trust = trust;
        this.servers = servers;
    }

    public boolean tls() {
        return trust != null;
    }

    public ZoneTrust trust() {
        return trust;
    }

    /** A zone server of the replicated list: may talk Raft, read status and reset a server. */
    public boolean member(Peer peer) {
        return peer.role() == Role.SERVER && servers.get().stream().anyMatch(s -> s.name().equals(peer.name()));
    }

    /** May submit commands and read status: a member or a client. */
    public boolean admits(Peer peer) {
        return member(peer) || peer.role() == Role.CLIENT;
    }

    /** Why {@code peer} (empty: none proved) is not admitted, or null if it is (always, with TLS off). */
    public String refusal(Optional<Peer> peer) {
        if (trust == null) {
            return null;
        }
        if (peer.isEmpty()) {
            return "no certificate of the zone";
        }
        return admits(peer.get()) ? null : peer.get() + " is not a server of the zone nor a client";
    }

    /** Whether {@code peer} (empty: none proved) may ask this server to reset: a member (anyone, TLS off). */
    public boolean mayReset(Optional<Peer> peer) {
        return trust == null || peer.filter(this::member).isPresent();
    }

    /** Whether {@code peer} is the server the replicated list places at {@code host:port}. */
    public boolean isServerAt(Peer peer, String host, int port) {
        return member(peer) && servers.get().stream().filter(s -> s.name().equals(peer.name()))
                .map(ZoneServer::address)
                .anyMatch(a -> a.getPort() == port && sameHost(a.getHostString(), host));
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

    public ServerSocket listen(InetSocketAddress address) throws IOException {
        if (trust != null) {
            return trust.listen(address);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address);
        return socket;
    }

    /** A connection to the server {@code name}; with TLS, refused unless the peer proves to be that server. */
    public Socket connect(InetSocketAddress address, String name, int timeoutMs) throws IOException {
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
    public Optional<Peer> peer(Socket accepted) throws IOException {
        if (!(accepted instanceof SSLSocket ssl)) {
            return Optional.empty();
        }
        ssl.startHandshake();
        return ZoneTrust.peer(ssl.getSession());
    }
}
