package org.zonekeeper.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The highest placement of each VM this agent was asked to deploy, kept in {@code STATE_DIR/placements/VM}. The
 * front-end counts a VM's placements; a deploy is refused when a later placement of the VM was already seen here
 * (it comes from a leader that decided before the VM moved), and when the VM already runs here under an earlier
 * placement (its old copy must be stopped first). The same placement sent again is the same deploy.
 */
final class Placements {
    private final Path dir;
    private final Map<String, KeptNumber> kept = new HashMap<>();

    Placements(Path stateDir) {
        this.dir = stateDir.resolve("placements");
    }

    /** Why a deploy of {@code vm} under {@code placement} is refused, or null (the placement is then kept). */
    synchronized String admit(String vm, long placement, boolean running) throws IOException {
        KeptNumber highest = kept.computeIfAbsent(vm, this::open);
        long seen = highest.highest();
        if (placement < seen) {
            return vm + ": placement " + placement + " is superseded: this agent was given placement " + seen;
        }
        if (running && placement > seen) {
            return vm + " already runs here (placement " + seen + "): placement " + placement
                    + " is refused until it is stopped";
        }
        highest.admit(placement);
        return null;
    }

    private KeptNumber open(String vm) {
        try {
            return new KeptNumber(dir.resolve(vm));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
