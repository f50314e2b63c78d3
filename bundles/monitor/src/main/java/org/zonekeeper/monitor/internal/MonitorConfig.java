package org.zonekeeper.monitor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code etc/org.zonekeeper.monitor.cfg}; values are checked by {@link MonitorSettings}. */
@ObjectClassDefinition(id = MonitorConfig.PID, name = "zonekeeper host monitoring",
        description = "How the leader probes the hypervisor hosts' node agents.")
@interface MonitorConfig {
    String PID = "org.zonekeeper.monitor";

    @AttributeDefinition(name = "interval.ms", description = "Time between two monitoring rounds (200..).")
    long interval_ms() default 3000;

    @AttributeDefinition(name = "failures", description = "Consecutive failed probes after which a host is put "
            + "in ERROR (1..100).")
    int failures() default 3;

    @AttributeDefinition(name = "probe.timeout.ms", description = "How long one probe may take; no answer in time "
            + "is a failed probe.")
    long probe_timeout_ms() default 2000;

    @AttributeDefinition(name = "max.concurrent", description = "Probes in flight at most (1..10000).")
    int max_concurrent() default 256;
}
