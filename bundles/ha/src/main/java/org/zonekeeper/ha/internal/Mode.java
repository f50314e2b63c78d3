package org.zonekeeper.ha.internal;

import java.util.Locale;
import java.util.Optional;

/** What happens to the VMs of a fenced host: {@code org.zonekeeper.ha mode}, whatever its case. */
enum Mode {
    MIGRATE, DELETE, HOOK;

    /** The mode {@code text} names; {@link #problem} said it names one. */
    static Mode of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** Why {@code text} names no mode, if it does not. */
    static Optional<String> problem(String text) {
        String mode = text.trim();
        if (mode.equalsIgnoreCase("recreate")) {
            // delete + create are two log entries: a failover between them would lose the VM
            return Optional.of("recreate is not available yet (it needs one atomic log entry); use migrate");
        }
        for (Mode m : values()) {
            if (m.name().equalsIgnoreCase(mode)) {
                return Optional.empty();
            }
        }
        return Optional.of("'" + mode + "' is not migrate, delete or hook");
    }
}
