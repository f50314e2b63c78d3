package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/**
 * An operator's word that a host is powered off, when its BMC cannot say so (like Pacemaker's
 * {@code stonith_admin --confirm}): recorded with the operator's name, it moves the host to FENCED.
 */
public record DeclareHostOff(String requestId, String ref, String operator) implements ZoneCommand {

    public DeclareHostOff(String ref, String operator) {
        this(ZoneCommand.newRequestId(), ref, operator);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).check(Field.OPERATOR, operator).require(operator != null && !operator.isBlank(),
                "operator: is required");
    }

    @Override
    public void write(Writer out) {
        out.text(ref).text(operator);
    }

    static DeclareHostOff read(Reader in, String requestId) {
        return new DeclareHostOff(requestId, in.text(), in.text());
    }
}
