package org.zonekeeper.replication.copycat.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Transport;
import io.atomix.copycat.client.CopycatClient;
import io.atomix.copycat.client.RecoveryStrategies;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.storage.Storage;
import io.atomix.copycat.server.storage.StorageLevel;

import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.replication.copycat.internal.command.Commands;
import org.zonekeeper.replication.MemberSettings;

/** The Copycat server and client of a member, built from its settings, and the Raft address of an endpoint. */
public final class CopycatParts {

    private CopycatParts() {
    }

    /** The Raft member: a flushed disk log, compacted as the settings say. */
    static CopycatServer server(MemberSettings settings, Transport transport, Supplier<StateMachine> stateMachine) {
        Storage storage = Storage.builder().withDirectory(settings.dataDir().resolve("raft").toFile())
                .withStorageLevel(StorageLevel.DISK).withFlushOnCommit()
                .withMaxEntriesPerSegment(settings.logSegmentEntries())
                .withMinorCompactionInterval(settings.logCompactionInterval())
                .withMajorCompactionInterval(settings.logCompactionInterval().multipliedBy(10)).build();
        return CopycatServer.builder(address(settings.self().endpoint())).withName(settings.self().name())
                .withTransport(transport).withSerializer(serializer()).withStorage(storage)
                .withElectionTimeout(settings.electionTimeout()).withHeartbeatInterval(settings.heartbeatInterval())
                .withSessionTimeout(settings.sessionTimeout()).withStateMachine(stateMachine).build();
    }

    /**
     * A client session to the leader; a lost session is closed, never recovered (Copycat could re-apply). It is
     * opened with the leader this server's member follows ({@code leader}, null when it knows none) first, then
     * the member itself, then the others: a server chosen at random may be one that is frozen, which accepts the
     * connection and never answers.
     */
    static CopycatClient client(MemberSettings settings, Transport transport, Supplier<Address> leader) {
        Address self = address(settings.self().endpoint());
        return CopycatClient.builder().withTransport(transport).withSerializer(serializer())
                .withServerSelectionStrategy((known, servers) -> ordered(leader.get(), self, servers))
                .withRecoveryStrategy(RecoveryStrategies.CLOSE).withSessionTimeout(settings.sessionTimeout()).build();
    }

    /** {@code servers} with {@code leader} (if one of them) first, then {@code self}, then the others shuffled. */
    static List<Address> ordered(Address leader, Address self, List<Address> servers) {
        List<Address> others = new ArrayList<>(servers);
        boolean member = others.remove(self);
        Collections.shuffle(others);
        if (member) {
            others.add(0, self);
        }
        if (leader != null && others.remove(leader)) {
            others.add(0, leader);
        }
        return others;
    }

    static Serializer serializer() {
        return Commands.register(new Serializer().enableWhitelist());
    }

    /** The Raft address of an endpoint HOST:PORT ([IPv6]:PORT). */
    public static Address address(String endpoint) {
        java.net.InetSocketAddress address = ZoneServer.address(endpoint);
        return new Address(address.getHostString(), address.getPort());
    }
}
