package org.zonekeeper.model;

import java.util.Set;

import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Validation;

/** Moves a host to {@code to} if it is in one of {@code from}; FENCED also disables it. */
public record SetHostState(String requestId, String ref, Set<HostState> from, HostState to) implements ZoneCommand {

    public SetHostState(String ref, Set<HostState> from, HostState to) {
        this(ZoneCommand.newRequestId(), ref, Set.copyOf(from), to);
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
        out.text(ref).enumSet(from).enumValue(to);
    }

    static SetHostState read(Reader in, String requestId) {
        return new SetHostState(requestId, in.text(), in.enumSet(HostState.class), in.enumValue(HostState.class));
    }
}
