package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * Removes a DELETING VM once it is known gone: its host's agent confirmed the stop, or the host is FENCED.
 * {@code hostId} is the host the leader saw it on; a VM that moved since is not removed.
 */
public record RemoveVm(String requestId, String ref, long hostId) implements ZoneCommand {

    public RemoveVm(String ref, long hostId) {
        this(ZoneCommand.newRequestId(), ref, hostId);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).require(hostId >= 0, "host id: is negative");
    }

    @Override
    public void write(Writer out) {
        out.text(ref).i64(hostId);
    }

    static RemoveVm read(Reader in, String requestId) {
        return new RemoveVm(requestId, in.text(), in.i64());
    }
}
