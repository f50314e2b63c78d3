package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/**
 * A server's claim to lead {@code term}: the barrier a new leader writes before its leader-only services start.
 * Once applied, leader decisions ({@link AsLeader}) of every older term are refused, whichever server sends them.
 * It also names the version of the rules its build applies ({@link ZoneModel#RULES}): entries after it are applied
 * by those rules, entries before it by the rules they were written under, so a server that replays an older build's
 * entries applies them as that build's servers did.
 */
public record LeadTerm(String requestId, long term, String server, int rules) implements ZoneCommand {

    public LeadTerm(long term, String server) {
        this(ZoneCommand.newRequestId(), term, server, ZoneModel.RULES);
    }

    @Override
    public String subject() {
        return "leadership of term " + term;
    }

    @Override
    public void check(Validation v) {
        v.require(term > 0, "term: must be positive").check(Field.SERVER_NAME, server)
                .require(rules >= 1, "rules: must be positive");
    }

    @Override
    public void write(Writer out) {
        out.i64(term).text(server).i32(rules);
    }

    static LeadTerm read(Reader in, String requestId) {
        return new LeadTerm(requestId, in.i64(), in.text(), in.i32());
    }

    /** The layout of builds before rule versions: their claims name the first rules. */
    static LeadTerm readFirstRules(Reader in, String requestId) {
        return new LeadTerm(requestId, in.i64(), in.text(), 1);
    }
}
