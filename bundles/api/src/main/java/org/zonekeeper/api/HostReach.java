package org.zonekeeper.api;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether hosts' node agents answer this server, on every server of the zone, leader or not: the probe behind the
 * mass-failure guard's second opinion ({@link SecondOpinion}). Unlike {@link HostProbe} (the leader's monitoring) it
 * names no leader term, so an agent learns nothing from it and refuses nothing, and it is not leader-only.
 */
@ProviderType
public interface HostReach {

    /**
     * Probes {@code hosts} at once, each for at most {@code timeout}: completes, within about {@code timeout}, with
     * the ids of the hosts whose own agent answered this server (any HTTP answer from the host it should be counts:
     * the host is alive). Completes exceptionally only when this server cannot probe at all (no readable agent
     * token): then it cannot tell.
     */
    CompletionStage<Set<Long>> reached(Collection<Host> hosts, Duration timeout);
}
