package org.zonekeeper.hooks.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.ZoneException;

/** One {@code etc/org.zonekeeper.hook-NAME.cfg}: hands the script hook, or why it was refused, to the registry. */
@Component(service = {}, configurationPid = ScriptHookConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScriptHookConfig.class, factory = true)
public final class ConfiguredScriptHook {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredScriptHook.class);

    private final HookRegistry registry;
    private final String pid;

    @Activate
    public ConfiguredScriptHook(@Reference HookRegistry registry, Map<String, Object> properties) {
        this.registry = registry;
        this.pid = String.valueOf(properties.get("service.pid"));
        modified(properties);
    }

    /** The distribution's hook-scripts/ directory. */
    static Path scripts() {
        return Path.of(System.getProperty("karaf.home", ".")).resolve("hook-scripts");
    }

    @Modified
    void modified(Map<String, Object> properties) {
        String name = ScriptHookSettings.name(properties);
        try {
            ScriptHookSettings settings = ScriptHookSettings.parse(properties, scripts());
            registry.configured(pid, new HookRegistry.Configured(name, new ScriptHook(settings), null));
            String problem = ScriptRunner.problem(settings.command());
            LOG.info("script hook {}: {} on {}{}", name, settings.command(), settings.events().names(),
                    problem == null ? "" : " (cannot run yet: " + problem + ")");
        } catch (ZoneException e) {
            registry.configured(pid, new HookRegistry.Configured(name, null, e.getMessage()));
            LOG.error("{}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registry.removed(pid);
    }
}
