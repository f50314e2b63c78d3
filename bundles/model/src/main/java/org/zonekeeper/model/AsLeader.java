package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * A leader decision (a command whose {@link ZoneCommand#leaderDecision()} is true) as the leader of {@code term}
 * sends it. It is applied only while {@code term} is the last term claimed through {@link LeadTerm}: a leader that
 * was frozen or cut off, and whose place another server has taken, has every later decision refused. It carries
 * the decision's own request id.
 */
public record AsLeader(long term, ZoneCommand decision) implements ZoneCommand {

    @Override
    public String requestId() {
        return decision == null ? null : decision.requestId();
    }

    @Override
    public String subject() {
        return decision == null ? "leader decision" : decision.subject();
    }

    @Override
    public void check(Validation v) {
        v.require(term > 0, "term: must be positive");
        v.require(decision != null && decision.leaderDecision() && !(decision instanceof AsLeader),
                "decision: is not a leader decision");
        if (decision != null) {
            decision.check(v);
        }
    }

    @Override
    public void write(Writer out) {
        out.i64(term).i32(Codec.number(decision));
        decision.write(out);
    }

    static AsLeader read(Reader in, String requestId) {
        long term = in.i64();
        return new AsLeader(term, Codec.read(in.i32(), in, requestId));
    }
}
