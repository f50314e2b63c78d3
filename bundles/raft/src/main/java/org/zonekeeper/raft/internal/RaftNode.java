package org.zonekeeper.raft.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Transport;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.cluster.Member;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.model.Codec;
import org.zonekeeper.model.LeadTerm;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.RegisterServers;
import org.zonekeeper.model.ZoneCommand;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.raft.internal.command.Entry;
import org.zonekeeper.raft.internal.command.Read;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.ZoneTrust;

/**
 * This server's Raft member: the Copycat server applying the log to the local database, a client
 * submitting to the leader, the status service, and the role hooks.
 */
final class RaftNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final ZoneSettings settings;
    private final RoleHooks hooks;
    private final ZoneDatabase database;
    private final CopycatServer server;
    private final LocalStatus status;
    private final RaftClient client;
    private final StatusEndpoint endpoint;
    private final Admission admission;
    private final StatusProbe probe;
    private final Runnable onReset;
    private final LongConsumer onLeadership;
    private volatile String failure;
    private volatile boolean closed;
    private volatile ZoneStateMachine stateMachine;
    private final ClaimedTerm claims;

    /**
     * Starts the member; {@code onReset} is called when another server asks this one to resynchronise, and when
     * the database answers again after a failure stopped this member,
     * {@code onLeadership} with the term when this server becomes leader and with 0 when it stops leading.
     */
    RaftNode(ZoneSettings settings, Runnable onReset, LongConsumer onLeadership) throws IOException {
        ZoneTrust trust = ServerIdentity.load(settings); // first: a refusal leaves nothing started
        this.settings = settings;
        this.onReset = onReset;
        this.onLeadership = onLeadership;
        this.claims = new ClaimedTerm(settings.self().name(), this::leads);
        this.hooks = new RoleHooks(settings.leaderHook(), settings.followerHook(), settings.hookTimeout(),
                Path.of(System.getProperty("karaf.home", ".")).toAbsolutePath());
        this.database = ZoneDatabase.open(settings.database());
        this.admission = new Admission(trust, this::servers);
        this.probe = new StatusProbe(admission);
        Supplier<Transport> transports = TlsTransport.factory(admission, settings.dataDir().resolve("tls"));
        this.server = CopycatParts.server(settings, transports.get(),
                () -> stateMachine = new ZoneStateMachine(database, this::databaseFailed));
        this.status = new LocalStatus(server);
        List<Address> members = settings.servers().stream().map(s -> CopycatParts.address(s.endpoint()))
                .collect(Collectors.toList());
        this.client = new RaftClient(() -> CopycatParts.client(settings, transports.get()), members,
                settings.requestTimeout(), settings.electionTimeout().multipliedBy(2));
        this.endpoint = new StatusEndpoint(StatusProbe.statusAddress(settings.self().endpoint()), admission,
                this::answer);
        server.onStateChange(this::stateChanged);
        server.cluster().onLeaderElection(leader -> status.recordVote(server.cluster().term()));
        List<Address> others = settings.servers().stream().filter(s -> s.id() != settings.self().id())
                .map(s -> CopycatParts.address(s.endpoint())).collect(Collectors.toList());
        (settings.join() ? server.join(others) : server.bootstrap(members)).whenComplete((s, error) -> {
            if (error != null) {
                LOG.error("server {} could not {} the zone: {}", settings.self().name(),
                        settings.join() ? "join" : "bootstrap", error.toString());
            } else {
                LOG.info("server {} is a member of the zone", settings.self().name());
            }
        });
    }

    private void stateChanged(CopycatServer.State state) {
        if (state != CopycatServer.State.LEADER) {
            claims.lost();
        }
        onLeadership.accept(state == CopycatServer.State.LEADER && failure == null ? server.cluster().term() : 0);
        if (state == CopycatServer.State.LEADER) {
            hooks.announce(RoleHooks.Role.LEADER);
            Thread register = new Thread(this::registerServers, "zonekeeper-register-servers");
            register.setDaemon(true);
            register.start();
        } else {
            // a step-down, and a member that stopped or failed (INACTIVE): it no longer leads
            hooks.announce(RoleHooks.Role.FOLLOWER);
        }
    }

    /** The first leader records the bootstrap servers; later leaders find them recorded. */
    private void registerServers() {
        try {
            submit(new RegisterServers(settings.servers())).items();
        } catch (ZoneException e) {
            LOG.warn("could not record the zone's servers yet: {}", e.getMessage());
        }
    }

    private void databaseFailed(StoreException e) {
        if (failure != null) {
            return;
        }
        failure = "database failed: " + e.getMessage();
        claims.lost();
        LOG.error("server {} stops leading and voting: {}", settings.self().name(), failure);
        onLeadership.accept(0);
        hooks.announce(RoleHooks.Role.FOLLOWER);
        Thread stop = new Thread(() -> {
            shutdownServer();
            DatabaseWatch.awaitAnswer(settings, () -> closed, onReset);
        }, "zonekeeper-stop-after-db-failure");
        stop.setDaemon(true);
        stop.start();
    }

    /**
     * Sends an operation to the leader. A command is checked here first, as the state machine will check it again,
     * so that the operator learns every bad field in one line without anything written.
     */
    Outcome submit(ZoneCommand command) {
        command.validation().orThrow();
        requireInService();
        ZoneCommand sent = claims.stamp(command);
        return Codec.decodeOutcome(client.submit(new Entry(Codec.encode(sent))).bytes());
    }

    /** Whether this server is in service and the Raft leader of {@code term}. */
    boolean leads(long term) {
        return failure == null && server.state() == CopycatServer.State.LEADER && server.cluster().term() == term;
    }

    /** Claims {@code term} through the log (the barrier before leader-only services); true once claimed. */
    boolean claim(long term) {
        return leads(term) && !submit(new LeadTerm(term, settings.self().name())).isRefusal() && claims.claimed(term);
    }

    /** A linearizable read of one part of the model, through the leader. */
    Outcome read(ZoneModel.Part part) {
        requireInService();
        return Codec.decodeOutcome(client.submit(new Read(part)).bytes());
    }

    private void requireInService() {
        if (failure != null) {
            throw new ZoneException("server " + settings.self().name() + " is out of service: " + failure);
        }
    }

    /** Blocks this member's Raft thread for {@code pause}, as a frozen process would be (for tests). */
    void freeze(java.time.Duration pause) {
        server.context().execute(() -> {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Snapshots installed since this member started (for tests). */
    int snapshotsInstalled() {
        ZoneStateMachine machine = stateMachine;
        return machine == null ? 0 : machine.snapshotsInstalled();
    }

    ZoneDatabase database() {
        return database;
    }

    ZoneSettings settings() {
        return settings;
    }

    /** The zone's servers as replicated; the configured ones until the first leader has recorded them. */
    List<ZoneServer> servers() {
        List<ZoneServer> recorded = database.servers();
        return recorded.isEmpty() ? settings.servers() : recorded;
    }

    ServerStatus localStatus() {
        return status.of(settings.self(), failure, servers());
    }

    /** Removes a server from the Raft membership (it stops counting for the majority). */
    void removeMember(String endpoint) {
        Address target = CopycatParts.address(endpoint);
        server.cluster().members().stream().filter(m -> m.serverAddress().equals(target)).findFirst()
                .map(Member::remove).ifPresent(f -> f.join());
    }

    /** Asks the other servers' status endpoints. */
    StatusProbe probe() {
        return probe;
    }

    private String answer(String request, Optional<Peer> peer) {
        if (request.equals("status")) {
            ServerStatus s = localStatus();
            return s.reachable() ? StatusProbe.format(s) : "error " + s.error();
        }
        if (request.equals("reset")) {
            if (!admission.mayReset(peer)) {
                return "error refused: a reset is accepted from a server of the zone only, not from "
                        + peer.map(Peer::toString).orElse("nobody");
            }
            onReset.run();
            return "ok";
        }
        return "error unknown request '" + request + "'";
    }

    @Override
    public void close() {
        closed = true;
        onLeadership.accept(0);
        // the follower hook ends (bounded) before the member stops: the floating IP is free before a new election
        hooks.announce(RoleHooks.Role.FOLLOWER);
        hooks.close();
        endpoint.close();
        client.close();
        shutdownServer();
        database.close();
    }

    private void shutdownServer() {
        try {
            server.shutdown().get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // seen in tests: Copycat's shutdown future never completing while its peers also stop
            LOG.warn("Raft server {} did not shut down within {} s; going on", settings.self().name(),
                    SHUTDOWN_TIMEOUT_SECONDS);
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Raft server shutdown: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
