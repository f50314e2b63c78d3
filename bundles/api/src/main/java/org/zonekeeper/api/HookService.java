package org.zonekeeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The hooks this server knows, and running one again. Hooks run on the leader only. */
@ProviderType
public interface HookService {

    /** Every configured hook, by name. */
    List<HookInfo> hooks();

    /**
     * Runs the hook of a recorded execution again for the same event, as a new execution ({@code attempt} + 1,
     * {@code retryOf} the given one); returns it as recorded when it started. Refused with a one-line reason when
     * this server is not the leader, the execution is still running, or its hook is gone.
     */
    HookExecution retry(long executionId);
}
