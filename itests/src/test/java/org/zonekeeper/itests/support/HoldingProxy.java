package org.zonekeeper.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.zonekeeper.trust.ZoneTrust;

/**
 * A proxy in front of a node agent that can hold one HTTP request in flight, in the middle of the zone's TLS: it
 * shows the front-end the certificate of the agent's host and the agent a server's (both of the zone's CA, as a
 * network path the zone trusts would), and reads the requests in between. Armed with {@link #holdNext}, the
 * next request starting with that method and path prefix is kept (not forwarded) until {@link #release}, while every
 * other request passes. The held request then reaches the agent late, as a slow network would deliver it, and the
 * agent's whole answer to it (headers and body) is kept ({@link #heldAnswer}) even when its sender has given up.
 */
public final class HoldingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final ZoneTrust asServer;
    private volatile String held;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CompletableFuture<String> answer = new CompletableFuture<>();

    /** In front of the agent on loopback port {@code target}: shows {@code asHost} to the front-end, {@code asServer}
     * to the agent. */
    public HoldingProxy(int target, ZoneTrust asHost, ZoneTrust asServer) throws IOException {
        this.target = target;
        this.asServer = asServer;
        this.server = asHost.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::accept, "holding-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Holds the next request whose first line starts with {@code start}, e.g. {@code "PUT /v1/vms/vm-3 "}. */
    public void holdNext(String start) {
        held = start;
    }

    /** Waits until a request is held. */
    public boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
        return holding.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Lets the held request go on to the agent. */
    public void release() {
        released.countDown();
    }

    /** The start of the agent's answer to the held request (its status line, headers and body). */
    public CompletableFuture<String> heldAnswer() {
        return answer;
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = asServer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target),
                        5000);
                upstream.setSoTimeout(0);
                AtomicBoolean capture = new AtomicBoolean();
                daemon(() -> pumpRequests(client, upstream, capture));
                daemon(() -> pumpAnswers(upstream, client, capture));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pumpRequests(Socket client, Socket upstream, AtomicBoolean capture) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                String start = held;
                if (start != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).startsWith(start)) {
                    held = null;
                    byte[] kept = Arrays.copyOf(buffer, n);
                    capture.set(true);
                    holding.countDown();
                    released.await();
                    out.write(kept);
                } else {
                    out.write(buffer, 0, n);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the sender went away
        }
        try {
            // half-close: the agent still answers what it was sent (the answer pump closes both sides)
            upstream.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(upstream);
        }
    }

    private void pumpAnswers(Socket upstream, Socket client, AtomicBoolean capture) {
        StringBuilder seen = new StringBuilder();
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (capture.get()) {
                    seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (whole(seen)) {
                        answer.complete(seen.toString());
                    }
                }
                try {
                    out.write(buffer, 0, n);
                    out.flush();
                } catch (IOException senderGone) {
                    // the sender gave up waiting: the answer is still read (and kept) above
                }
            }
        } catch (IOException e) {
            // the agent closed the connection
        } finally {
            if (capture.get()) {
                answer.complete(seen.toString());
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Whether {@code seen} holds an answer's headers and as many body bytes as its Content-Length says. */
    private static boolean whole(CharSequence seen) {
        String text = seen.toString();
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$")
                .matcher(text.substring(0, end));
        return !length.find() || text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "holding-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }
}
