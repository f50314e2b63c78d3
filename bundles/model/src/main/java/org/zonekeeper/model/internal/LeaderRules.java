package org.zonekeeper.model.internal;

import org.zonekeeper.model.Outcome;
import org.zonekeeper.store.ZoneTransaction;

/**
 * Which leader may decide. A server that becomes leader claims its Raft term ({@code LeadTerm}) before its
 * leader-only services start; a leader decision is applied only if it names the last term claimed. So a leader
 * that was frozen or cut off while another took over has all its later decisions refused, in log order and the
 * same way on every server, even when its entries reach the log after the new leader's claim.
 */
public final class LeaderRules {

    private LeaderRules() {
    }

    /**
     * Records {@code term} as claimed by {@code server}, under the rules version it names (never lowered); a term
     * older than the last claimed one is refused.
     */
    public static Outcome claim(ZoneTransaction tx, long term, String server, int rules) {
        long claimed = tx.leaderTerm();
        if (term < claimed) {
            return Outcome.refused("server " + server + " claims term " + term + ", but term " + claimed
                    + " was claimed since");
        }
        if (term > claimed) {
            tx.putLeaderTerm(term, server, Math.max(rules, tx.rules()));
        }
        return Outcome.none();
    }

    /** Why a leader decision naming {@code term} may not be applied, or null when it may. */
    public static String stale(ZoneTransaction tx, long term) {
        long claimed = tx.leaderTerm();
        if (term == claimed) {
            return null;
        }
        return term < claimed ? "decision of the leader of term " + term + " refused: term " + claimed
                + " has been claimed since (that server no longer leads)"
                : "decision of the leader of term " + term + " refused: that term was never claimed";
    }

    /**
     * Why a leader decision sent without a term may not be applied, or null when it may: only entries written
     * before the first claim (by a build that sent none) are applied without one.
     */
    public static String unnamed(ZoneTransaction tx) {
        return tx.leaderTerm() == 0 ? null : "a leader decision must name the leader's term";
    }
}
