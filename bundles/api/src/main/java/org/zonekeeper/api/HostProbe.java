package org.zonekeeper.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** One monitoring probe of one host (the node agent's health call). Completes exceptionally when the host failed. */
@ProviderType
public interface HostProbe {

    /** Probes the host without blocking the caller; completes within {@code timeout}, exceptionally on failure. */
    CompletionStage<HostReport> probe(Host host, Duration timeout);
}
