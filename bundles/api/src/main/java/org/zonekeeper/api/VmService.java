package org.zonekeeper.api;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Virtual machines of the zone. Writes go through Raft; {@code ref} is an id or a name. */
@ProviderType
public interface VmService {

    Vm create(VmSpec spec);

    List<Vm> list(ReadMode mode);

    Vm get(String ref, ReadMode mode);

    /**
     * Deletes a VM. One that was never placed, or whose host is FENCED, is removed at once; any other goes DELETING
     * and is removed by the leader once its host's agent confirmed it stopped (on a host in ERROR, FENCING or
     * FENCE_FAILED: once the host is FENCED). Returns the VM as it then is.
     */
    Vm delete(String ref);

    /**
     * Stops a VM: STOPPED at once if it was never placed or its host is gone or FENCED; otherwise STOPPING, and
     * STOPPED once its host's agent confirmed the stop (the leader asks it). Returns the VM as it then is.
     */
    Vm stop(String ref);

    /**
     * Starts a STOPPED VM: on {@code host} (DEPLOYING; refused unless the host is enabled and MONITORED) or, when
     * {@code host} is null or empty, wherever the scheduler places it (PENDING).
     */
    Vm start(String ref, String host);

    /** Starts a FAILED VM again on its own host, which must be MONITORED (DEPLOYING there, a new placement). */
    Vm recover(String ref);

    /** Sets whether a VM is started elsewhere when its host is fenced, and its restart priority (higher first). */
    Vm setHa(String ref, boolean ha, int priority);

    /** Removes a DELETING VM still on host {@code hostId} once it is known gone (a leader decision). */
    Vm remove(String ref, long hostId);

    /**
     * Places a VM on a host (DEPLOYING) if it is in one of {@code from}. Refused when the host is not enabled and
     * MONITORED, or when the VM is still assigned to another host that is not FENCED.
     */
    Vm place(String ref, String host, Set<VmState> from);

    /** Moves a VM to {@code to} if it is in one of {@code from} and, unless {@code hostId} is 0, on that host. */
    Vm setState(String ref, Set<VmState> from, VmState to, long hostId);
}
