package org.zonekeeper.replication;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** A replicated log engine (Raft): registered as a service by its adapter bundle. */
@ProviderType
public interface ReplicationEngine {

    /**
     * Starts this server's member of the zone's log: it bootstraps the zone with {@code settings.servers()} (or
     * joins it, {@code settings.join()}), applies every committed entry to {@code state} in log order, and tells
     * {@code roles} of every change of its role. Returns once the member listens; the zone may not have a leader
     * yet.
     *
     * @throws IOException when the member cannot listen or open its log
     */
    Member start(MemberSettings settings, ReplicatedState state, RoleListener roles) throws IOException;
}
