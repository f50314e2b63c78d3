package org.zonekeeper.trust;

import java.util.Locale;
import java.util.Optional;

/** What a zone certificate is for: the organisational unit (OU) of its subject. */
public enum Role {
    /** A zone server: may talk Raft, read status and ask another server to reset. */
    SERVER,
    /** A hypervisor host's node agent: never admitted to Raft or status. */
    HOST,
    /** An operator's tool (the benchmarks): may submit commands and read status, never reset a server. */
    CLIENT;

    /** The OU written into certificates: the name in lower case. */
    public String unit() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role written as {@code unit}, if it is one. */
    public static Optional<Role> ofUnit(String unit) {
        for (Role role : values()) {
            if (role.unit().equals(unit)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
