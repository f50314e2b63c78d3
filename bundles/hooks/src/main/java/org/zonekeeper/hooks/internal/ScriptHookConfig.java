package org.zonekeeper.hooks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of a script hook, {@code etc/org.zonekeeper.hook-NAME.cfg}; values are checked by {@link ScriptHookSettings}. */
@ObjectClassDefinition(id = ScriptHookConfig.PID, name = "zonekeeper script hook",
        description = "A program the leader runs for each event it subscribes to; every run is recorded through "
                + "Raft (hook:log).")
@interface ScriptHookConfig {
    String PID = "org.zonekeeper.hook";

    @AttributeDefinition(name = "name", description = "The hook's name in hook:list and hook:log (default: NAME "
            + "of the file name).", required = false)
    String name();

    @AttributeDefinition(name = "events", description = "Comma-separated event names: HOST/ERROR, VM/RUNNING, "
            + "API/CreateVm..., TYPE/* for every event of a type, LEADER when this server becomes leader.")
    String events();

    @AttributeDefinition(name = "command", description = "The program: relative to the distribution's "
            + "hook-scripts/ directory, or absolute. It must exist and be executable.")
    String command();

    @AttributeDefinition(name = "arguments", description = "Whitespace-separated arguments; placeholders $ID "
            + "(object id), $NAME (object name), $TYPE (HOST, VM...), $EVENT (e.g. HOST/ERROR), $EVENT_ID, $TEMPLATE "
            + "(the event and its object as a base64 JSON document).", required = false)
    String arguments() default "";

    @AttributeDefinition(name = "stdin", description = "Write the event and its object as a JSON document to "
            + "the program's standard input.")
    boolean stdin() default false;

    @AttributeDefinition(name = "timeout.ms", description = "The program and every process it started (its "
            + "process group) are killed after this long, and the run recorded as failed (100..3600000).")
    long timeout_ms() default 60000;

    @AttributeDefinition(name = "retries", description = "Runs again after a failure, each recorded as its own "
            + "execution (0..10).")
    int retries() default 0;

    @AttributeDefinition(name = "retry.delay.ms", description = "Pause before each retry (0..3600000).")
    long retry_delay_ms() default 5000;
}
