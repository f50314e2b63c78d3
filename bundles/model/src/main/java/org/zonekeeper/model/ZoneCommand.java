package org.zonekeeper.model;

import java.util.Set;
import java.util.UUID;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/**
 * A change to the zone, written to the replicated log and applied by every server in log order. Each carries a
 * request id, drawn when the command is made and kept however often it is sent, so that it takes effect once; and a
 * check of every field, run where the command enters and again when it is applied.
 */
public interface ZoneCommand {

    /** A new request id. */
    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    String requestId();

    /** What the operator calls the object of this command, in a refusal. */
    default String subject() {
        return getClass().getSimpleName();
    }

    /**
     * Whether this is a leader decision (monitoring, recovery, placement, hook runs): sent only by the leader, as
     * {@link AsLeader} naming its term, and refused once a newer term is claimed. Operators' commands are not.
     */
    default boolean leaderDecision() {
        return false;
    }

    /** Adds every problem of this command's fields; deterministic, the same on every server. */
    void check(Validation validation);

    /** Writes the fields after the request id (see {@link Codec}). */
    void write(Writer out);

    default Validation validation() {
        Validation validation = new Validation(subject());
        validation.require(requestId() != null && requestId().length() <= 64, "request id: is missing or too long");
        check(validation);
        return validation;
    }

    /** For the commands that move their object from one of some states to another. */
    static void checkTransition(Validation v, String ref, Set<?> from, Object to) {
        v.check(Field.REFERENCE, ref).require(from != null && !from.isEmpty(), "from: names no state")
                .require(to != null, "to: is required");
    }
}
