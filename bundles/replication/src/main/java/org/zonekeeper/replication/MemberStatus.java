package org.zonekeeper.replication;

/**
 * A member's status: its role and term (read at one moment, so a leader stepping down never shows as the leader
 * of the next term), the index of its last log entry and its commit index, and the endpoint it voted for in that
 * term (null for none).
 */
public record MemberStatus(MemberRole role, long term, long lastIndex, long commitIndex, String votedFor) {
}
