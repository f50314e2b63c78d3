package org.zonekeeper.hooks.internal;

import java.time.Duration;

import org.zonekeeper.api.HookInfo;
import org.zonekeeper.api.ZoneEvent;

/** A hook the engine can run: a script from a configuration, or a bundle's Hook service. */
interface RunnableHook {

    /** Its name, kind, events, target and, when it cannot run, why. */
    HookInfo info();

    String name();

    boolean subscribes(ZoneEvent event);

    /** The arguments as recorded in the hook log. */
    String arguments(ZoneEvent event);

    HookResult run(ZoneEvent event, HookContext context) throws InterruptedException;

    /** How often a failed run is repeated. */
    int retries();

    Duration retryDelay();
}
