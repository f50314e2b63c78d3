package org.zonekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.netty.NettyTransport;
import io.atomix.copycat.client.CopycatClient;
import io.atomix.copycat.client.RecoveryStrategies;
import io.atomix.copycat.client.ServerSelectionStrategies;

import org.zonekeeper.api.HostSpec;
import org.zonekeeper.model.Codec;
import org.zonekeeper.model.CreateHost;
import org.zonekeeper.model.ZoneCommand;
import org.zonekeeper.replication.copycat.internal.CatalystTls;
import org.zonekeeper.replication.copycat.internal.command.Commands;
import org.zonekeeper.replication.copycat.internal.command.Entry;
import org.zonekeeper.trust.ZoneTrust;

/**
 * Creates hosts in the zone through a Copycat client built like the servers' own (RaftNode): Netty
 * transport (with a client certificate of the zone when its TLS is on), the whitelisted command serializer,
 * the CLOSE recovery strategy. A client whose session
 * was closed is replaced on the next write, as the servers' RaftClient does.
 */
final class ZoneWriter implements Writer {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(5); // session.timeout.ms default

    private final List<Address> members;
    private final ServerSelectionStrategies servers;
    private final Properties options;
    private CopycatClient client;
    private CompletableFuture<CopycatClient> connected;

    /**
     * {@code servers}: which servers the client talks to (the servers' own clients use ANY); {@code tls}: the
     * directory of a client certificate of the zone (zone-local's {@code client/}), null with the zone's TLS off.
     */
    ZoneWriter(List<Address> members, ServerSelectionStrategies servers, Path tls) {
        this.members = members;
        this.servers = servers;
        this.options = tls == null ? new Properties() : tlsOptions(tls);
    }

    /** Catalyst's TLS options over stores of the client certificate in {@code dir}. */
    private static Properties tlsOptions(Path dir) {
        try {
            return CatalystTls.options(ZoneTrust.load(dir).writeStores(dir.resolve("stores"), "bench"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<?> write(String name) {
        return submit(new CreateHost(new HostSpec(name, "bench", 800, 16384, "kvm", "kvm")));
    }

    /** Submits any command of the model; completes once it is applied, exceptionally if it was refused. */
    CompletableFuture<?> submit(ZoneCommand command) {
        Entry entry = new Entry(Codec.encode(command));
        // Outcome.item() rethrows a refusal (e.g. name taken) so that it counts as a failed write.
        return session().thenCompose(c -> c.submit(entry)).thenApply(a -> Codec.decodeOutcome(a.bytes()).item());
    }

    private synchronized CompletableFuture<CopycatClient> session() {
        if (connected == null || connected.isCompletedExceptionally()
                || (connected.isDone() && client.state() == CopycatClient.State.CLOSED)) {
            close();
            client = CopycatClient.builder().withTransport(new NettyTransport(options))
                    .withSerializer(Commands.register(new Serializer().enableWhitelist()))
                    .withRecoveryStrategy(RecoveryStrategies.CLOSE).withSessionTimeout(SESSION_TIMEOUT)
                    .withServerSelectionStrategy(servers).build();
            connected = client.connect(members);
        }
        return connected;
    }

    /** Closes the session, waiting at most 10 s (a wedged Copycat 1.2.8 session may never close). */
    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.close().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("ZoneWriter: the Copycat client did not close cleanly: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client = null;
        }
    }
}
