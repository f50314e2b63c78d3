package org.zonekeeper.zone.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

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
import org.zonekeeper.replication.Member;
import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberStatus;
import org.zonekeeper.replication.ReplicationEngine;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.trust.Admission;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.ZoneTrust;

/**
 * This server's place in the zone's log: its member (of whatever {@link ReplicationEngine}) applying the log to the
 * local database, the status service, the role hooks, and the claimed term its leader decisions name.
 */
final class ZoneMember implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneMember.class);

    private final ZoneSettings settings;
    private final RoleHooks hooks;
    private final ZoneDatabase database;
    private final ZoneState state;
    private final Member member;
    private final StatusEndpoint endpoint;
    private final Admission admission;
    private final StatusProbe probe;
    private final Runnable onReset;
    private final LongConsumer onLeadership;
    private final ClaimedTerm claims;
    /** The leader's reach requests, answered with this server's own probe of the hosts. */
    private final ReachRequests reaches = new ReachRequests(this::hosts);
    private volatile String failure;
    private volatile boolean closed;

    /**
     * Starts the member; {@code onReset} is called when another server asks this one to resynchronise, and when
     * the database answers again after a failure stopped this member,
     * {@code onLeadership} with the term when this server becomes leader and with 0 when it stops leading.
     */
    ZoneMember(ZoneSettings settings, ReplicationEngine engine, Runnable onReset, LongConsumer onLeadership)
            throws IOException {
        this(settings, engine, onReset, onLeadership, true);
    }

    /** As above; {@code statusPort} false opens no status endpoint (an in-memory zone, where nothing listens). */
    ZoneMember(ZoneSettings settings, ReplicationEngine engine, Runnable onReset, LongConsumer onLeadership,
            boolean statusPort) throws IOException {
        this.admission = new Admission(ServerIdentity.load(settings), this::servers); // a refusal starts nothing
        this.settings = settings;
        this.onReset = onReset;
        this.onLeadership = onLeadership;
        this.claims = new ClaimedTerm(settings.self().name(), this::leads);
        this.hooks = new RoleHooks(settings.leaderHook(), settings.followerHook(), settings.hookTimeout(),
                Path.of(System.getProperty("karaf.home", ".")).toAbsolutePath());
        this.database = ZoneDatabase.open(settings.database());
        this.state = new ZoneState(database, this::databaseFailed);
        this.probe = new StatusProbe(admission);
        this.member = engine.start(settings.member(admission), state, this::roleChanged);
        this.endpoint = statusPort ? new StatusEndpoint(StatusProbe.statusAddress(settings.self().endpoint()),
                admission, this::answer) : null;
    }

    private void roleChanged(MemberRole role, long term) {
        if (role != MemberRole.LEADER) {
            claims.lost();
        }
        onLeadership.accept(role == MemberRole.LEADER && failure == null ? term : 0);
        if (role == MemberRole.LEADER) {
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
            member.close();
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
        return Codec.decodeOutcome(member.submit(Codec.encode(sent)));
    }

    /** Whether this server is in service and the leader of {@code term}. */
    boolean leads(long term) {
        return failure == null && member.leads(term);
    }

    /**
     * Leaves leadership of {@code term}, if this server leads it, standing for no election for three election
     * timeouts (time for the others to elect one of themselves: one to two timeouts, and the vote).
     */
    void giveWay(long term, String why) {
        if (leads(term)) {
            LOG.warn("server {} gives way as leader of term {}: {}", settings.self().name(), term, why);
            member.stepDown(settings.electionTimeout().multipliedBy(3));
        }
    }

    /** Claims {@code term} through the log (the barrier before leader-only services); true once claimed. */
    boolean claim(long term) {
        return leads(term) && !submit(new LeadTerm(term, settings.self().name())).isRefusal() && claims.claimed(term);
    }

    /** A linearizable read of one part of the model, through the leader. */
    Outcome read(ZoneModel.Part part) {
        requireInService();
        return Codec.decodeOutcome(member.query(ZoneState.query(part)));
    }

    private void requireInService() {
        if (failure != null) {
            throw new ZoneException("server " + settings.self().name() + " is out of service: " + failure);
        }
    }

    /** Holds this member's log thread for {@code pause}, as a frozen process would be (for tests). */
    void freeze(Duration pause) {
        member.pause(pause);
    }

    /** Snapshots installed since this member started (for tests). */
    int snapshotsInstalled() {
        return state.snapshotsInstalled();
    }

    ZoneDatabase database() {
        return database;
    }

    ZoneSettings settings() {
        return settings;
    }

    /** This server's zone certificate; null with the zone's TLS off. */
    ZoneTrust trust() {
        return admission.trust();
    }

    /** The zone's servers as replicated; the configured ones until the first leader has recorded them. */
    List<ZoneServer> servers() {
        List<ZoneServer> recorded = database.servers();
        return recorded.isEmpty() ? settings.servers() : recorded;
    }

    ServerStatus localStatus() {
        ZoneServer self = settings.self();
        if (failure != null) {
            return new ServerStatus(self.id(), self.name(), "failed", -1, -1, -1, -1, -1, failure);
        }
        MemberStatus s = member.status();
        java.net.InetSocketAddress voted = s.votedFor() == null ? null : ZoneServer.address(s.votedFor());
        int vote = voted == null ? -1 : servers().stream().filter(z -> z.address().equals(voted))
                .mapToInt(ZoneServer::id).findFirst().orElse(-1);
        return new ServerStatus(self.id(), self.name(), s.role().label(), s.term(), s.lastIndex(), s.commitIndex(),
                vote, -1, null);
    }

    /** Removes a server from the log's membership (it stops counting for the majority). */
    void removeMember(String endpoint) {
        member.removeMember(endpoint);
    }

    /** The hosts as this server applied them (the addresses a reach request probes). */
    private List<org.zonekeeper.api.Host> hosts() {
        return database.hosts();
    }

    /** Answers the leader's reach requests (the mass-failure guard's second opinion) on the status channel. */
    ReachRequests reaches() {
        return reaches;
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
        if (ReachRequests.is(request)) {
            // the leader's mass-failure guard asking for a second opinion: from a server of the zone only
            return admission.mayReset(peer) ? reaches.answer(request)
                    : "error refused: a reach request is accepted from a server of the zone only";
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
        if (endpoint != null) {
            endpoint.close();
        }
        member.close();
        database.close();
    }
}
