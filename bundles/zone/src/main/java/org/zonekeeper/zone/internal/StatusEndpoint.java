package org.zonekeeper.zone.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.trust.Admission;
import org.zonekeeper.trust.Peer;

/**
 * A one-line request/answer service beside the Raft port (PORT+1), through which the other servers read this
 * server's Raft status for {@code zone:show} and ask it to reset. Requests are answered concurrently (an idle
 * connection holds one of {@value #WORKERS} workers for at most {@value #READ_TIMEOUT_MS} ms); with the zone's TLS
 * on, only a peer {@link Admission} admits gets past the handshake and its request read.
 */
final class StatusEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);
    private static final int READ_TIMEOUT_MS = 2000;
    private static final int WORKERS = 16;

    private final ServerSocket socket;
    private final Admission admission;
    private final BiFunction<String, Optional<Peer>, String> handler;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;

    /** {@code handler} answers a request from a peer (empty: none proved, TLS off). */
    StatusEndpoint(InetSocketAddress address, Admission admission, BiFunction<String, Optional<Peer>, String> handler)
            throws IOException {
        this.socket = admission.listen(address);
        this.admission = admission;
        this.handler = handler;
        this.workers = new ThreadPoolExecutor(0, WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "zonekeeper-status-" + address.getPort());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::serve, "zonekeeper-status-accept-" + address.getPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("status endpoint: {}", e.toString());
                continue;
            }
            try {
                workers.execute(() -> answer(connection));
            } catch (RejectedExecutionException busy) {
                LOG.warn("status request from {} refused: {} requests in progress",
                        connection.getRemoteSocketAddress(), WORKERS);
                close(connection);
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            connection.setSoTimeout(READ_TIMEOUT_MS);
            Optional<Peer> peer = admission.peer(connection);
            PrintWriter out = new PrintWriter(connection.getOutputStream(), true, StandardCharsets.UTF_8);
            String refusal = admission.refusal(peer);
            if (refusal != null) {
                LOG.warn("status request from {} refused: {}", connection.getRemoteSocketAddress(), refusal);
                out.println("error refused: " + refusal);
                return;
            }
            String request = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            out.println(request == null ? "error empty request" : handler.apply(request.trim(), peer));
        } catch (IOException | RuntimeException e) {
            LOG.warn("status request from {} failed: {}", connection.getRemoteSocketAddress(), e.toString());
        }
    }

    private static void close(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("closing a status connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing status endpoint: {}", e.toString());
        }
        workers.shutdownNow();
    }
}
