package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * An operator starts a STOPPED VM: on {@code host} (DEPLOYING there, a new placement) or, when {@code host} is
 * empty, wherever the scheduler places it (PENDING).
 */
public record StartVm(String requestId, String ref, String host) implements ZoneCommand {

    public StartVm(String ref, String host) {
        this(ZoneCommand.newRequestId(), ref, host == null ? "" : host);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).require(host != null, "host: is required (empty: the scheduler's choice)");
        if (host != null && !host.isEmpty()) {
            v.reference(host);
        }
    }

    @Override
    public void write(Writer out) {
        out.text(ref).text(host);
    }

    static StartVm read(Reader in, String requestId) {
        return new StartVm(requestId, in.text(), in.text());
    }
}
