package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/** Removes a VM; {@code ref} is an id or a name. */
public record DeleteVm(String requestId, String ref) implements ZoneCommand {

    public DeleteVm(String ref) {
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

    static DeleteVm read(Reader in, String requestId) {
        return new DeleteVm(requestId, in.text());
    }
}
