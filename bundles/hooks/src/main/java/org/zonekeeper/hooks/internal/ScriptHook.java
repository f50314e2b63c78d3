package org.zonekeeper.hooks.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.zonekeeper.api.HookInfo;
import org.zonekeeper.api.ZoneEvent;

/** A script hook: runs its program with the event in its arguments, environment and (optionally) stdin. */
final class ScriptHook implements RunnableHook {
    private static final String TEMPLATE = "$TEMPLATE";

    private final String name;
    private final ConfiguredScriptHook.Config config;
    private final Subscriptions events;
    private final Path command;
    private final List<String> arguments;

    /** The hook {@code config} (checked) describes; a relative command is taken from {@code scripts}. */
    ScriptHook(String name, ConfiguredScriptHook.Config config, Path scripts) {
        this.name = name;
        this.config = config;
        this.events = Subscriptions.parse(config.events());
        this.command = scripts.resolve(config.command().trim());
        String words = config.arguments().trim();
        this.arguments = words.isEmpty() ? List.of() : List.of(words.split("\\s+"));
    }

    @Override
    public String name() {
        return name;
    }

    /** The program, absolute. */
    Path command() {
        return command;
    }

    /** The arguments before their placeholders are replaced. */
    List<String> arguments() {
        return arguments;
    }

    @Override
    public HookInfo info() {
        String target = String.join(" ", commandLine());
        return new HookInfo(name, HookInfo.Kind.SCRIPT, events.names(), target, ScriptRunner.problem(command));
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of(command.toString()));
        line.addAll(arguments);
        return line;
    }

    @Override
    public boolean subscribes(ZoneEvent event) {
        return events.matches(event);
    }

    @Override
    public String arguments(ZoneEvent event) {
        return String.join(" ", arguments.stream().map(a -> expand(a, event, TEMPLATE)).toList());
    }

    @Override
    public HookResult run(ZoneEvent event, HookContext context) throws InterruptedException {
        boolean templated = arguments.stream().anyMatch(a -> a.contains(TEMPLATE));
        String document = templated || config.stdin() ? context.documents().apply(event) : "";
        String template = Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
        List<String> argv = new ArrayList<>(List.of(command.toString()));
        arguments.forEach(a -> argv.add(expand(a, event, template)));
        Map<String, String> env = Map.of("ZK_EVENT", event.name(), "ZK_EVENT_ID", Long.toString(event.id()),
                "ZK_OBJECT_TYPE", event.objectType(), "ZK_OBJECT_ID", Long.toString(event.objectId()),
                "ZK_OBJECT_NAME", event.objectName());
        return context.scripts().run(argv, env, config.stdin() ? document : "", Duration.ofMillis(config.timeout_ms()));
    }

    /** Replaces the placeholders; $EVENT_ID before $EVENT, which it starts with. */
    static String expand(String argument, ZoneEvent event, String template) {
        return argument.replace("$EVENT_ID", Long.toString(event.id())).replace("$EVENT", event.name())
                .replace("$ID", Long.toString(event.objectId())).replace("$NAME", event.objectName())
                .replace("$TYPE", event.objectType()).replace(TEMPLATE, template);
    }

    @Override
    public int retries() {
        return config.retries();
    }

    @Override
    public Duration retryDelay() {
        return Duration.ofMillis(config.retry_delay_ms());
    }
}
