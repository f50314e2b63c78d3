package org.zonekeeper.zone.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.trust.Admission;

/**
 * Asks another server's {@link StatusEndpoint}, checking (zone TLS on) that the answer comes from that server; any
 * failure of {@link #ask} makes an "error" row, never an exception.
 */
final class StatusProbe {

    private static final int TIMEOUT_MS = 1000;

    private final Admission admission;

    StatusProbe(Admission admission) {
        this.admission = admission;
    }

    ServerStatus ask(ZoneServer server) {
        try {
            String answer = request(server, "status");
            String[] f = answer.split(" ");
            if (f.length != 6 || !f[0].equals("ok")) {
                return ServerStatus.unreachable(server, "unexpected answer '" + answer + "'");
            }
            return new ServerStatus(server.id(), server.name(), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Integer.parseInt(f[5]), -1, null);
        } catch (IOException | RuntimeException e) {
            return ServerStatus.unreachable(server, e.toString());
        }
    }

    static String format(ServerStatus s) {
        return "ok " + s.state() + " " + s.term() + " " + s.index() + " " + s.commit() + " " + s.vote();
    }

    /** Sends one request line to {@code server}'s status endpoint and returns its answer line. */
    String request(ZoneServer server, String request) throws IOException {
        return request(server, request, TIMEOUT_MS);
    }

    /**
     * As {@link #request(ZoneServer, String)}, the connection, the handshake and each read bounded by
     * {@code timeoutMs}.
     */
    String request(ZoneServer server, String request, int timeoutMs) throws IOException {
        InetSocketAddress address = statusAddress(server.endpoint());
        try (Socket socket = admission.connect(address, server.name(), timeoutMs)) {
            new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8).println(request);
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) {
                throw new IOException("no answer from " + address);
            }
            return answer;
        }
    }

    /** The status service listens on the port after the Raft port. */
    static InetSocketAddress statusAddress(String raftEndpoint) {
        InetSocketAddress raft = ZoneServer.address(raftEndpoint);
        return new InetSocketAddress(raft.getHostString(), raft.getPort() + 1);
    }
}
