package org.zonekeeper.replication;

import org.osgi.annotation.versioning.ConsumerType;

/** Told of every role change of a member, on the engine's thread: must not block or write to the log. */
@ConsumerType
@FunctionalInterface
public interface RoleListener {

    /** The member is now {@code role} in {@code term}. */
    void changed(MemberRole role, long term);
}
