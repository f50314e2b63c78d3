package org.zonekeeper.ha.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of {@code etc/org.zonekeeper.ha.cfg}; values are checked by {@link HaSettings}. */
@ObjectClassDefinition(id = HaConfig.PID, name = "zonekeeper host-error workflow",
        description = "What the leader does with a host in ERROR: wait, fence it (power-off confirmed), then "
                + "redeploy its VMs.")
@interface HaConfig {
    String PID = "org.zonekeeper.ha";

    @AttributeDefinition(name = "mode", description = "What happens to the VMs of a fenced host: migrate "
            + "(redeploy the same VM, its disks on shared storage, on another host), delete (delete it), or hook "
            + "(nothing built in: a script hook on HOST/ERROR recovers the host with ha:fence and ha:redeploy, e.g. "
            + "hook-scripts/ha/host_error.sh).", options = {
                @Option(label = "migrate", value = "migrate"), @Option(label = "delete", value = "delete"),
                @Option(label = "hook", value = "hook")})
    String mode() default "migrate";

    @AttributeDefinition(name = "wait.cycles", description = "Monitoring cycles a host stays in ERROR before it "
            + "is fenced; if it answers meanwhile, nothing is done (0..1000).")
    int wait_cycles() default 2;

    @AttributeDefinition(name = "fencing", description = "Fence a host before its VMs move. false redeploys VMs "
            + "of a host that may still run them (split brain on shared disks): logged as a warning on every use.")
    boolean fencing() default true;

    @AttributeDefinition(name = "fence.retry.ms", description = "First pause before fencing a FENCE_FAILED host "
            + "again; doubled on each failure.")
    long fence_retry_ms() default 10000;

    @AttributeDefinition(name = "fence.retry.max.ms", description = "Longest pause between two fencing attempts.")
    long fence_retry_max_ms() default 300000;

    @AttributeDefinition(name = "max.concurrent", description = "Hosts recovered at the same time at most.")
    int max_concurrent() default 8;

    @AttributeDefinition(name = "max.failed.fraction", description = "Mass-failure guard: when more than this "
            + "fraction of the monitored hosts (and at least 2) are in ERROR at once, none of them is fenced: the "
            + "leader more likely lost its own network or CPU than they all died. They wait, step HELD in ha:status, "
            + "and ZONE/MASS_FAILURE fires once, until enough answer again or an operator fences them (ha:fence) or "
            + "declares them off (ha:confirm-off). Above 0, at most 1 (1 turns the guard off).")
    double max_failed_fraction() default 0.5;
}
