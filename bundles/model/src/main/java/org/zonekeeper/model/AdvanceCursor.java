package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Moves a named event-log cursor forward (never back). */
public record AdvanceCursor(String requestId, String name, long eventId) implements ZoneCommand {

    public AdvanceCursor(String name, long eventId) {
        this(ZoneCommand.newRequestId(), name, eventId);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.check(Field.CURSOR, name).require(eventId >= 0, "event id: is negative");
    }

    @Override
    public void write(Writer out) {
        out.text(name).i64(eventId);
    }

    static AdvanceCursor read(Reader in, String requestId) {
        return new AdvanceCursor(requestId, in.text(), in.i64());
    }
}
