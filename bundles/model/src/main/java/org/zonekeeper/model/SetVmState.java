package org.zonekeeper.model;

import java.util.Set;

import org.zonekeeper.api.Validation;
import org.zonekeeper.api.VmState;

/** Moves a VM to {@code to} if it is in one of {@code from} and, when {@code hostId} is not 0, still on that host. */
public record SetVmState(String requestId, String ref, Set<VmState> from, VmState to, long hostId)
        implements ZoneCommand {

    public SetVmState(String ref, Set<VmState> from, VmState to, long hostId) {
        this(ZoneCommand.newRequestId(), ref, Set.copyOf(from), to, hostId);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        ZoneCommand.checkTransition(v, ref, from, to);
    }

    @Override
    public void write(Writer out) {
        out.text(ref).enumSet(from).enumValue(to).i64(hostId);
    }

    static SetVmState read(Reader in, String requestId) {
        return new SetVmState(requestId, in.text(), in.enumSet(VmState.class), in.enumValue(VmState.class), in.i64());
    }
}
