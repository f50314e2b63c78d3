package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/**
 * A server's claim to lead {@code term}: the barrier a new leader writes before its leader-only services start.
 * Once applied, leader decisions ({@link AsLeader}) of every older term are refused, whichever server sends them.
 */
public record LeadTerm(String requestId, long term, String server) implements ZoneCommand {

    public LeadTerm(long term, String server) {
        this(ZoneCommand.newRequestId(), term, server);
    }

    @Override
    public String subject() {
        return "leadership of term " + term;
    }

    @Override
    public void check(Validation v) {
        v.require(term > 0, "term: must be positive").check(Field.SERVER_NAME, server);
    }

    @Override
    public void write(Writer out) {
        out.i64(term).text(server);
    }

    static LeadTerm read(Reader in, String requestId) {
        return new LeadTerm(requestId, in.i64(), in.text());
    }
}
