package org.zonekeeper.replication.copycat.internal;

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

    /** A client session to the leader; a lost session is closed, never recovered (Copycat could re-apply). */
    static CopycatClient client(MemberSettings settings, Transport transport) {
        return CopycatClient.builder().withTransport(transport).withSerializer(serializer())
                .withRecoveryStrategy(RecoveryStrategies.CLOSE).withSessionTimeout(settings.sessionTimeout()).build();
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
