package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;
import org.zonekeeper.api.fencing.FencingLevels;

/** Replaces a host's fencing levels. */
public record SetFencingLevels(String requestId, String ref, FencingLevels levels) implements ZoneCommand {

    public SetFencingLevels(String ref, FencingLevels levels) {
        this(ZoneCommand.newRequestId(), ref, levels);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).require(levels != null, "fencing levels: are required");
        if (levels != null) {
            v.check(Field.FENCING_LEVELS, levels.format());
        }
    }

    @Override
    public void write(Writer out) {
        out.text(ref).text(levels.format());
    }

    static SetFencingLevels read(Reader in, String requestId) {
        return new SetFencingLevels(requestId, in.text(), in.fencingLevels());
    }
}
