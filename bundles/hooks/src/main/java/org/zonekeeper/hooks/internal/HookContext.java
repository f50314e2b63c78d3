package org.zonekeeper.hooks.internal;

import java.time.Duration;
import java.util.function.Function;

import org.zonekeeper.api.ZoneEvent;

/** What a hook run gets from the engine: the script runner, the bundle hooks' timeout, the events' documents. */
record HookContext(ScriptRunner scripts, Duration bundleTimeout, Function<ZoneEvent, String> documents) {
}
