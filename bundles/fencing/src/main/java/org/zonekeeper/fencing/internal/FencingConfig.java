package org.zonekeeper.fencing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code etc/org.zonekeeper.fencing.cfg}. */
@ObjectClassDefinition(id = FencingConfig.PID, name = "zonekeeper fencing",
        description = "How hosts are fenced: the bound on concurrent fencing operations.")
@interface FencingConfig {
    String PID = "org.zonekeeper.fencing";

    @AttributeDefinition(name = "max.concurrent", description = "Hosts fenced at the same time at most; further "
            + "requests wait their turn (1-256).")
    int max_concurrent() default 8;
}
