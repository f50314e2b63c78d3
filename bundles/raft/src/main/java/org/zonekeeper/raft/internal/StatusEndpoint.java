package org.zonekeeper.raft.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-line request/answer service beside the Raft port (PORT+1), through which the other servers
 * read this server's Raft status for {@code zone:show}.
 */
final class StatusEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);
    private static final int READ_TIMEOUT_MS = 2000;

    private final ServerSocket socket;
    private final UnaryOperator<String> handler;
    private final Thread acceptor;

    StatusEndpoint(InetSocketAddress address, UnaryOperator<String> handler) throws IOException {
        this.socket = new ServerSocket();
        this.socket.setReuseAddress(true);
        this.socket.bind(address);
        this.handler = handler;
        this.acceptor = new Thread(this::serve, "zonekeeper-status-" + address.getPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(READ_TIMEOUT_MS);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(connection.getOutputStream(), true, StandardCharsets.UTF_8);
                String request = in.readLine();
                out.println(request == null ? "error empty request" : handler.apply(request.trim()));
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("status request failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing status endpoint: {}", e.toString());
        }
    }
}
