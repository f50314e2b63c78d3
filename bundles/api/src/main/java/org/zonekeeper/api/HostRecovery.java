package org.zonekeeper.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The steps of the built-in host-error workflow, for a script hook that replaces it ({@code org.zonekeeper.ha}
 * {@code mode = hook}). Registered on the leader only. Each step is written through Raft before it is acted on, and
 * refused when the host is not in a state it starts from.
 */
@ProviderType
public interface HostRecovery {

    /**
     * Fences a host in ERROR or FENCE_FAILED through its levels: FENCING, then FENCED only on a confirmed OFF
     * (the host disabled), else FENCE_FAILED. Returns the host as it ends.
     */
    Host fence(String host);

    /** Moves the VMs of a FENCED host to healthy hosts; returns how many are still to move (0: done). */
    int redeploy(String host);
}
