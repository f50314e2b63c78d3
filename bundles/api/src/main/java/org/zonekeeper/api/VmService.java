package org.zonekeeper.api;

import java.util.List;
import java.util.Set;

/** Virtual machines of the zone. Writes go through Raft; {@code ref} is an id or a name. */
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
