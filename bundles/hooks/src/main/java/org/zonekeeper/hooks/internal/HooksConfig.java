package org.zonekeeper.hooks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code etc/org.zonekeeper.hooks.cfg}, the hook engine on the leader; checked by {@link HooksSettings}. */
@ObjectClassDefinition(id = HooksConfig.PID, name = "zonekeeper hook engine",
        description = "How the leader runs hooks for the replicated events.")
@interface HooksConfig {
    String PID = "org.zonekeeper.hooks";

    @AttributeDefinition(name = "max.concurrent", description = "Hook executions running at the same time at "
            + "most; further ones wait (1..256).")
    int max_concurrent() default 8;

    @AttributeDefinition(name = "poll.ms", description = "How often the leader reads new events (50..60000).")
    long poll_ms() default 250;

    @AttributeDefinition(name = "output.limit.bytes", description = "A script writing more than this to stdout "
            + "and stderr together is killed and its run recorded as failed (4096..1073741824).")
    long output_limit_bytes() default 1048576;

    @AttributeDefinition(name = "bundle.timeout.ms", description = "How long a bundle hook may take before its "
            + "run is recorded as failed and its thread interrupted (100..3600000).")
    long bundle_timeout_ms() default 60000;
}
