package org.zonekeeper.hooks.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;

/**
 * One {@code etc/org.zonekeeper.hook-NAME.cfg}: hands the script hook, or why it was refused (every bad key, in one
 * line), to the registry. A changed file replaces the hook at once.
 */
@Component(service = {}, configurationPid = ConfiguredScriptHook.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredScriptHook.Config.class, factory = true)
public final class ConfiguredScriptHook {
    static final String PID = "org.zonekeeper.hook";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredScriptHook.class);
    private static final String NAME = "[A-Za-z0-9_.-]+";

    /** A script hook, {@code etc/org.zonekeeper.hook-NAME.cfg}, checked by {@link #check} before it is used. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper script hook",
            description = "A program the leader runs for each event it subscribes to; every run is recorded through "
                    + "Raft (hook:log).")
    @interface Config {
        @AttributeDefinition(name = "name", description = "The hook's name in hook:list and hook:log (default: NAME "
                + "of the file name); letters, digits, '.', '_', '-'.", required = false)
        String name() default "";

        @AttributeDefinition(name = "events", description = "Comma-separated event names: HOST/ERROR, VM/RUNNING, "
                + "API/CreateVm..., TYPE/* for every event of a type, LEADER when this server becomes leader.")
        String events();

        @AttributeDefinition(name = "command", description = "The program: relative to the distribution's "
                + "hook-scripts/ directory, or absolute. It must exist and be executable.")
        String command();

        @AttributeDefinition(name = "arguments", description = "Whitespace-separated arguments; placeholders $ID "
                + "(object id), $NAME (object name), $TYPE (HOST, VM...), $EVENT (e.g. HOST/ERROR), $EVENT_ID, "
                + "$TEMPLATE (the event and its object as a base64 JSON document).", required = false)
        String arguments() default "";

        @AttributeDefinition(name = "stdin", description = "Write the event and its object as a JSON document to "
                + "the program's standard input.")
        boolean stdin() default false;

        @AttributeDefinition(name = "timeout.ms", description = "The program and every process it started (its "
                + "process group) are killed after this long, and the run recorded as failed.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long timeout_ms() default 60000;

        @AttributeDefinition(name = "retries", description = "Runs again after a failure, each recorded as its own "
                + "execution.")
        @Limits(min = 0, max = 10)
        int retries() default 0;

        @AttributeDefinition(name = "retry.delay.ms", description = "Pause before each retry.")
        @Limits(min = 0, max = 3_600_000, unit = "ms")
        long retry_delay_ms() default 5000;
    }

    private final HookRegistry registry;
    private final String pid;

    @Activate
    public ConfiguredScriptHook(@Reference HookRegistry registry, Config config, Map<String, Object> properties) {
        this.registry = registry;
        this.pid = String.valueOf(properties.get("service.pid"));
        modified(config, properties);
    }

    /** The distribution's hook-scripts/ directory. */
    static Path scripts() {
        return Path.of(System.getProperty("karaf.home", ".")).resolve("hook-scripts");
    }

    /** The hook's name: its {@code name} key, else the NAME of its file. */
    static String name(Map<String, ?> properties) {
        return ConfigValues.instanceName(PID, properties);
    }

    /**
     * {@code properties} checked against {@link Config}, every bad key at once: the name and the event names must
     * be well formed.
     */
    static Config check(Map<String, ?> properties) {
        String name = name(properties);
        ConfigCheck<Config> check = ConfigCheck.of(Config.class, PID + "-" + name, properties);
        if (!name.matches(NAME)) {
            check.problem("name", "'" + name + "' has characters other than letters, digits, '.', '_', '-'");
        }
        check.read("events", c -> Subscriptions.parse(c.events()));
        return check.orThrow();
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        String name = name(properties);
        try {
            check(properties);
        } catch (InvalidConfigException e) {
            registry.configured(pid, new HookRegistry.Configured(name, null, e.inOneLine()));
            LOG.error("{}", e.inOneLine());
            return;
        }
        ScriptHook hook = new ScriptHook(name, config, scripts());
        registry.configured(pid, new HookRegistry.Configured(name, hook, null));
        String problem = ScriptRunner.problem(hook.command());
        LOG.info("script hook {}: {} on {}{}", name, hook.command(), hook.info().events(),
                problem == null ? "" : " (cannot run yet: " + problem + ")");
    }

    @Deactivate
    void deactivate() {
        registry.removed(pid);
    }
}
