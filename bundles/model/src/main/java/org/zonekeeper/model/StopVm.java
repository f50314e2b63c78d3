package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * An operator stops a VM: STOPPED at once if nothing of it can run (never placed, host gone or FENCED), otherwise
 * STOPPING until the leader has its host's agent confirm the stop.
 */
public record StopVm(String requestId, String ref) implements ZoneCommand {

    public StopVm(String ref) {
        this(ZoneCommand.newRequestId(), ref);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref);
    }

    @Override
    public void write(Writer out) {
        out.text(ref);
    }

    static StopVm read(Reader in, String requestId) {
        return new StopVm(requestId, in.text());
    }
}
