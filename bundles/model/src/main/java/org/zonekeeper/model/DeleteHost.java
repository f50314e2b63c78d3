package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/** Removes a host, which must hold no VM; {@code ref} is an id or a name. */
public record DeleteHost(String requestId, String ref) implements ZoneCommand {

    public DeleteHost(String ref) {
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

    static DeleteHost read(Reader in, String requestId) {
        return new DeleteHost(requestId, in.text());
    }
}
