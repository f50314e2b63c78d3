package org.zonekeeper.replication;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This server's running member of the zone's log. Every call is bounded by the settings' request timeout: a caller
 * learns {@code org.zonekeeper.api.NoLeaderException} ("no leader elected") when no leader answered in time, never
 * waits longer.
 */
@ProviderType
public interface Member extends AutoCloseable {

    /**
     * Appends {@code entry} through the leader and returns what {@link ReplicatedState#apply} answered for it. An
     * attempt that goes unanswered (a frozen or killed leader) may be sent again on a new session: an entry must
     * therefore carry its own request id, so that it takes effect once.
     */
    byte[] submit(byte[] entry);

    /** A linearizable {@link ReplicatedState#query} through the leader. */
    byte[] query(byte[] query);

    /** This member's role, term and log figures, the role and term read at one moment. */
    MemberStatus status();

    /** Whether this member is the leader of {@code term} now. */
    boolean leads(long term);

    /** Removes the server at {@code endpoint} from the membership: it stops counting for the majority. */
    void removeMember(String endpoint);

    /**
     * Leaves leadership if this member leads, and then stands for no election (and casts no vote) for
     * {@code abstain}, so that the other servers elect one of themselves if a majority of them can. A member that
     * does not lead is left as it is. For a leader that found itself at fault.
     */
    void stepDown(Duration abstain);

    /** Holds this member's log thread for {@code pause}, as a frozen process would be (fault injection, tests). */
    void pause(Duration pause);

    /** Stops the member (bounded: a shutdown that hangs is given up after a while and logged). */
    @Override
    void close();
}
