package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * An operator starts a FAILED VM again on its own host, which must be MONITORED: a new placement, so the host's agent
 * refuses it if the VM runs there after all.
 */
public record RecoverVm(String requestId, String ref) implements ZoneCommand {

    public RecoverVm(String ref) {
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

    static RecoverVm read(Reader in, String requestId) {
        return new RecoverVm(requestId, in.text());
    }
}
