package org.zonekeeper.replication;

/** A member's Raft role; {@code INACTIVE} once it stopped or failed. */
public enum MemberRole {
    INACTIVE, RESERVE, PASSIVE, FOLLOWER, CANDIDATE, LEADER;

    /** As {@code zone:show} prints it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
