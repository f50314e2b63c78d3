package org.zonekeeper.replication.copycat.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.atomix.catalyst.concurrent.ThreadContext;
import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Client;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import io.atomix.catalyst.transport.Transport;
import io.atomix.catalyst.transport.TransportException;
import io.atomix.catalyst.transport.netty.NettyConnection;
import io.atomix.catalyst.transport.netty.NettyTransport;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.trust.Admission;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.ZoneTrust;

/**
 * Catalyst's Netty transport with the zone's mutual TLS. Catalyst 1.2.1 only <em>wants</em> a client certificate,
 * so each accepted channel's TLS engine is told to <em>need</em> one (and TLS 1.3) before the peer's first byte is
 * read: Catalyst hands a new connection over from inside the channel's activation, before any read. Copycat sees
 * an accepted connection only once {@link Admission} admits the certificate's identity, and a connection this
 * server opens only once the peer proved to be the server at that address; an accepted connection whose peer is
 * no longer admitted (a server deleted from the zone) is closed within a second. The channel under a Catalyst
 * connection is private to Catalyst: it is read by reflection, and a connection whose channel cannot be read is
 * refused (fail closed).
 */
public final class TlsTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TlsTransport.class);
    private static final Field CHANNEL = channelField();

    private static final long RECHECK_MS = 1000;
    /**
     * How long an outbound handshake may take: a frozen server accepts the TCP connection but never answers, and
     * Copycat should try the next server instead of waiting out Netty's 10 s handshake timeout.
     */
    private static final long HANDSHAKE_MS = 500;

    private final NettyTransport netty;
    private final Admission admission;
    /**
     * Accepted connections by channel (Catalyst's connections have an equality of their own) and who they proved
     * to be: checked again every second, closed once refused.
     */
    private final Map<Channel, Peer> admitted = new ConcurrentHashMap<>();
    /** Started by {@link Server#listen}: a client-only transport (a session's) accepts nothing to check. */
    private ScheduledExecutorService recheck;

    private TlsTransport(NettyTransport netty, Admission admission) {
        this.netty = netty;
        this.admission = admission;
    }

    /**
     * Makes Catalyst's transports for {@code admission}: with TLS, over key and trust stores written once under
     * {@code dir} (mode 0600, a random password held in memory only).
     */
    public static Supplier<Transport> factory(Admission admission, Path dir) throws IOException {
        if (!admission.tls()) {
            return NettyTransport::new;
        }
        Properties options = CatalystTls.options(admission.trust().writeStores(dir, "raft"));
        return () -> new TlsTransport(new NettyTransport(options), admission);
    }

    @Override
    public Client client() {
        Client delegate = netty.client();
        return new Client() {
            @Override
            public CompletableFuture<Connection> connect(Address address) {
                return delegate.connect(address).thenCompose(c -> verified(c, address));
            }

            @Override
            public CompletableFuture<Void> close() {
                return delegate.close();
            }
        };
    }

    @Override
    public Server server() {
        Server delegate = netty.server();
        return new Server() {
            @Override
            public CompletableFuture<Void> listen(Address address, Consumer<Connection> listener) {
                startRecheck();
                return delegate.listen(address, c -> admit(c, listener));
            }

            @Override
            public CompletableFuture<Void> close() {
                return delegate.close();
            }
        };
    }

    @Override
    public synchronized void close() {
        if (recheck != null) {
            recheck.shutdownNow();
        }
        netty.close();
    }

    private synchronized void startRecheck() {
        if (recheck == null) {
            recheck = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "zonekeeper-raft-admission");
                thread.setDaemon(true);
                return thread;
            });
            recheck.scheduleWithFixedDelay(this::recheck, RECHECK_MS, RECHECK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A server deleted from the zone: its connections end within a second, not only its next ones. */
    private void recheck() {
        try {
            admitted.forEach((channel, peer) -> {
                String refusal = admission.refusal(Optional.of(peer));
                if (refusal != null) {
                    LOG.warn("closing the Raft connection of {}: {}", peer, refusal);
                    admitted.remove(channel);
                    channel.close(); // Netty's, from any thread (a Catalyst connection closes on its own thread only)
                }
            });
        } catch (RuntimeException e) {
            // a failed check must not end the checks (a scheduled task that throws is never run again)
            LOG.warn("checking the admitted Raft connections failed: {}", e.toString());
        }
    }

    /** Runs on Catalyst's context while the channel's event loop waits: no byte of the peer's has been read. */
    private void admit(Connection connection, Consumer<Connection> listener) {
        Channel channel = channel(connection);
        SslHandler ssl = ssl(channel);
        if (ssl == null) {
            connection.close();
            return;
        }
        ssl.engine().setNeedClientAuth(true);
        ssl.engine().setEnabledProtocols(new String[] {ZoneTrust.PROTOCOL});
        ThreadContext context = ThreadContext.currentContextOrThrow();
        ssl.handshakeFuture().addListener(done -> {
            Optional<Peer> peer = done.isSuccess() ? ZoneTrust.peer(ssl.engine().getSession()) : Optional.empty();
            String refusal = done.isSuccess() ? admission.refusal(peer)
                    : "handshake failed (" + done.cause().getClass().getSimpleName() + ")";
            if (refusal != null) {
                LOG.warn("Raft connection from {} refused: {}", channel.remoteAddress(), refusal);
                channel.close();
                return;
            }
            admitted.put(channel, peer.get());
            channel.closeFuture().addListener(closed -> admitted.remove(channel));
            // as Catalyst does on activation: Copycat registers its handlers before the first request is read
            CompletableFuture.runAsync(() -> listener.accept(connection), context.executor()).join();
        });
    }

    private CompletableFuture<Connection> verified(Connection connection, Address address) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Channel channel = channel(connection);
        SslHandler ssl = ssl(channel);
        if (ssl == null) {
            connection.close();
            result.completeExceptionally(new TransportException("no TLS on the connection to " + address));
            return result;
        }
        ThreadContext context = ThreadContext.currentContext();
        channel.eventLoop().schedule(() -> {
            if (!ssl.handshakeFuture().isDone()) {
                channel.close(); // fails the handshake, and so this connect
            }
        }, HANDSHAKE_MS, TimeUnit.MILLISECONDS);
        ssl.handshakeFuture().addListener(done -> {
            Optional<Peer> peer = done.isSuccess() ? ZoneTrust.peer(ssl.engine().getSession()) : Optional.empty();
            if (peer.isPresent() && admission.isServerAt(peer.get(), address.host(), address.port())) {
                complete(context, () -> result.complete(connection));
                return;
            }
            String problem = done.isSuccess() ? address + " answered as " + peer.map(Peer::toString).orElse("nobody")
                    + ", not as the zone server there" : "TLS handshake with " + address + " failed: " + done.cause();
            LOG.warn("Raft connection refused: {}", problem);
            channel.close();
            complete(context, () -> result.completeExceptionally(new TransportException(problem)));
        });
        return result;
    }

    private static void complete(ThreadContext context, Runnable completion) {
        if (context == null) {
            completion.run();
        } else {
            context.execute(completion);
        }
    }

    private static SslHandler ssl(Channel channel) {
        return channel == null ? null : channel.pipeline().get(SslHandler.class);
    }

    private static Channel channel(Connection connection) {
        if (CHANNEL == null || !(connection instanceof NettyConnection)) {
            return null;
        }
        try {
            return (Channel) CHANNEL.get(connection);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field channelField() {
        try {
            Field field = NettyConnection.class.getDeclaredField("channel");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.error("this Catalyst version keeps its channel elsewhere: every TLS connection will be refused ({})",
                    e.toString());
            return null;
        }
    }
}
