package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/** Enables or disables a host; enabling a FENCED host monitors it again from INIT. */
public record SetHostEnabled(String requestId, String ref, boolean enabled) implements ZoneCommand {

    public SetHostEnabled(String ref, boolean enabled) {
        this(ZoneCommand.newRequestId(), ref, enabled);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref);
    }

    @Override
    public void write(Writer out) {
        out.text(ref).bool(enabled);
    }

    static SetHostEnabled read(Reader in, String requestId) {
        return new SetHostEnabled(requestId, in.text(), in.bool());
    }
}
