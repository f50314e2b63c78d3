package org.zonekeeper.replication;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state a member applies the log to: the zone's database. Called by the engine on one thread, in log order.
 * Input never fails an apply: a command the rules refuse is answered with its refusal. Only a failure of this
 * server's own storage does, as {@link LocalFailureException}: from then on this state refuses every later entry
 * the same way (none is ever skipped) until its owner restarts the member, which resumes from the state's own
 * applied index.
 */
@ConsumerType
public interface ReplicatedState {

    /** Applies the committed {@code entry} at {@code index} (leader's clock {@code time}); returns the answer. */
    byte[] apply(long index, long time, byte[] entry);

    /** Answers a read of the state as applied so far. */
    byte[] query(byte[] query);

    /** Writes the whole state, as of its last applied entry, for log compaction. */
    void snapshot(OutputStream out);

    /** Replaces the state with a snapshot; false when the state is already past it (then nothing is read). */
    boolean install(InputStream in);
}
