package org.zonekeeper.hooks.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.zonekeeper.api.config.ConfigValues;

/** The checked content of a {@link ScriptHookConfig}. */
record ScriptHookSettings(String name, Subscriptions events, Path command, List<String> arguments, boolean stdin,
        Duration timeout, int retries, Duration retryDelay) {

    private static final String NAME = "[A-Za-z0-9_.-]+";

    static String name(Map<String, ?> properties) {
        return ConfigValues.instanceName(ScriptHookConfig.PID, properties);
    }

    /** Parses a configuration; a relative command is taken from {@code scripts}. */
    static ScriptHookSettings parse(Map<String, ?> properties, Path scripts) {
        String name = name(properties);
        ConfigValues values = new ConfigValues(ScriptHookConfig.PID + "-" + name, properties);
        if (!name.matches(NAME)) {
            throw values.invalid("name", "'" + name + "' has characters other than letters, digits, '.', '_', '-'");
        }
        Subscriptions events;
        try {
            events = Subscriptions.parse(values.required("events"));
        } catch (IllegalArgumentException e) {
            throw values.invalid("events", e.getMessage());
        }
        Path command = Path.of(values.required("command"));
        String arguments = values.string("arguments", "");
        return new ScriptHookSettings(name, events, command.isAbsolute() ? command : scripts.resolve(command),
                arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+")), values.bool("stdin", false),
                values.millis("timeout.ms", 60000, 100), values.integer("retries", 0, 0, 10),
                values.millis("retry.delay.ms", 5000, 0));
    }
}
