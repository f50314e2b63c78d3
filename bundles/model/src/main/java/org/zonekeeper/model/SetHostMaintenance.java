package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/** Puts a host in MAINTENANCE or takes it out (an operator's command). */
public record SetHostMaintenance(String requestId, String ref, boolean on) implements ZoneCommand {

    public SetHostMaintenance(String ref, boolean on) {
        this(ZoneCommand.newRequestId(), ref, on);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref);
    }

    @Override
    public void write(Writer out) {
        out.text(ref).bool(on);
    }

    static SetHostMaintenance read(Reader in, String requestId) {
        return new SetHostMaintenance(requestId, in.text(), in.bool());
    }
}
