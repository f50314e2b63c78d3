package org.zonekeeper.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered as an OSGi service only while this server leads the zone. Leader-only components (monitoring, the
 * host-error workflow, hook execution) hold a mandatory reference to it: they start when this server becomes leader
 * and stop when it steps down, fails or shuts down.
 */
@ProviderType
public interface Leadership {

    /** This server's name. */
    String server();

    /** The Raft term this server leads. */
    long term();

    /**
     * Hands leadership over: this server leaves it and stands for no election for a few election timeouts, so that
     * another server leads if the others can elect one; {@code why} is logged. For a leader that found itself at
     * fault (the mass-failure guard's second opinion: the other servers reach the hosts it cannot).
     */
    void giveWay(String why);
}
