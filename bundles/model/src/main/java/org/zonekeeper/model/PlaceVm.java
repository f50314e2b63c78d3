package org.zonekeeper.model;

import java.util.Set;

import org.zonekeeper.api.Validation;
import org.zonekeeper.api.VmState;

/** Places a VM on a host for deployment, if it is in one of {@code from} (see the rule for the other conditions). */
public record PlaceVm(String requestId, String ref, String host, Set<VmState> from) implements ZoneCommand {

    public PlaceVm(String ref, String host, Set<VmState> from) {
        this(ZoneCommand.newRequestId(), ref, host, Set.copyOf(from));
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).reference(host).require(from != null && !from.isEmpty(), "from: names no state");
    }

    @Override
    public void write(Writer out) {
        out.text(ref).text(host).enumSet(from);
    }

    static PlaceVm read(Reader in, String requestId) {
        return new PlaceVm(requestId, in.text(), in.text(), in.enumSet(VmState.class));
    }
}
