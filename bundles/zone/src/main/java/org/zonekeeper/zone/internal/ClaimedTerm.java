package org.zonekeeper.zone.internal;

import java.util.function.LongPredicate;

import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.model.AsLeader;
import org.zonekeeper.model.ZoneCommand;

/**
 * The term this server claimed through the log ({@code LeadTerm} applied) and still leads, or none. Its leader
 * decisions are sent as {@link AsLeader} naming that term; without a claimed term none is sent at all, so a
 * server that lost its place (or never had its claim applied) cannot decide anything.
 */
final class ClaimedTerm {
    private final String server;
    private final LongPredicate leads;
    private volatile long claimed;

    /** {@code leads} tells whether this server is still the Raft leader of a term. */
    ClaimedTerm(String server, LongPredicate leads) {
        this.server = server;
        this.leads = leads;
    }

    /** Called once {@code LeadTerm(term)} applied; false (nothing claimed) when this server no longer leads it. */
    boolean claimed(long term) {
        if (!leads.test(term)) {
            return false;
        }
        claimed = term;
        return true;
    }

    /** This server stopped leading. */
    void lost() {
        claimed = 0;
    }

    /** The command as sent: a leader decision names the claimed term; other commands go as they are. */
    ZoneCommand stamp(ZoneCommand command) {
        if (!command.leaderDecision()) {
            return command;
        }
        long term = claimed;
        if (term == 0 || !leads.test(term)) {
            throw new NoLeaderException("server " + server + " does not lead a claimed term: " + command.subject()
                    + " is a leader decision and is not sent");
        }
        return new AsLeader(term, command);
    }
}
