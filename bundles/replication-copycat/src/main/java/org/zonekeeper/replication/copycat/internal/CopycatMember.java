package org.zonekeeper.replication.copycat.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Transport;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.cluster.Member;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.replication.copycat.internal.command.Entry;
import org.zonekeeper.replication.copycat.internal.command.Read;
import org.zonekeeper.replication.MemberRole;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.replication.MemberStatus;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.replication.RoleListener;

/** A member of the zone's log on Copycat: its server applying the log, and a client submitting to the leader. */
final class CopycatMember implements org.zonekeeper.replication.Member {

    private static final Logger LOG = LoggerFactory.getLogger(CopycatMember.class);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final MemberSettings settings;
    private final CopycatServer server;
    private final CopycatStatus status;
    private final RaftClient client;

    CopycatMember(MemberSettings settings, ReplicatedState state, RoleListener roles) throws IOException {
        this.settings = settings;
        Supplier<Transport> transports = TlsTransport.factory(settings.admission(), settings.dataDir().resolve("tls"));
        this.server = CopycatParts.server(settings, transports.get(), () -> new CopycatStateMachine(state));
        this.status = new CopycatStatus(server);
        List<Address> members = settings.servers().stream().map(s -> CopycatParts.address(s.endpoint())).toList();
        this.client = new RaftClient(() -> CopycatParts.client(settings, transports.get(), this::leader), members,
                settings.requestTimeout(), settings.electionTimeout().multipliedBy(2));
        server.onStateChange(s -> roles.changed(MemberRole.valueOf(s.name()), server.cluster().term()));
        server.cluster().onLeaderElection(leader -> {
            status.recordVote(server.cluster().term());
            client.leaderElected();
        });
        List<Address> others = settings.servers().stream().filter(s -> s.id() != settings.self().id())
                .map(s -> CopycatParts.address(s.endpoint())).toList();
        String name = settings.self().name();
        (settings.join() ? server.join(others) : server.bootstrap(members)).whenComplete((s, error) -> {
            if (error != null) {
                LOG.error("server {} could not {} the zone: {}", name, settings.join() ? "join" : "bootstrap",
                        error.toString());
            } else {
                LOG.info("server {} is a member of the zone", name);
            }
        });
    }

    /** The Raft address of the leader this member follows, or null. */
    private Address leader() {
        Member leader = server.cluster().leader();
        return leader == null ? null : leader.serverAddress();
    }

    @Override
    public byte[] submit(byte[] entry) {
        return client.submit(new Entry(entry)).bytes();
    }

    @Override
    public byte[] query(byte[] query) {
        return client.submit(new Read(query)).bytes();
    }

    @Override
    public MemberStatus status() {
        return status.status();
    }

    @Override
    public boolean leads(long term) {
        return server.state() == CopycatServer.State.LEADER && server.cluster().term() == term;
    }

    @Override
    public void removeMember(String endpoint) {
        Address target = CopycatParts.address(endpoint);
        server.cluster().members().stream().filter(m -> m.serverAddress().equals(target)).findFirst()
                .map(Member::remove).ifPresent(f -> f.join());
    }

    /** Copycat has no leadership transfer: the member becomes a follower, then its log thread is held. */
    @Override
    public void stepDown(Duration abstain) {
        if (server.state() != CopycatServer.State.LEADER) {
            return;
        }
        server.context().execute(() -> {
            if (server.state() == CopycatServer.State.LEADER) {
                LOG.warn("server {} leaves leadership of term {} and stands for no election for {} ms",
                        settings.self().name(), server.cluster().term(), abstain.toMillis());
                if (status.becomeFollower()) {
                    pause(abstain);
                } else {
                    LOG.error("server {}: Copycat refused the step down; it goes on leading", settings.self().name());
                }
            }
        });
    }

    @Override
    public void pause(Duration pause) {
        server.context().execute(() -> {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        client.close();
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
