package org.zonekeeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Host recoveries in progress. Writes go through Raft; reads are local. */
@ProviderType
public interface RecoveryService {

    List<Recovery> list();

    /** Records the step a host's recovery is at (creating the recovery if there is none). */
    Recovery record(long hostId, String step, int attempts, String detail);

    /** Ends a host's recovery. */
    void end(long hostId);
}
