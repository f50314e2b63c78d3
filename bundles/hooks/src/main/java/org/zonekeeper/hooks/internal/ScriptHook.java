package org.zonekeeper.hooks.internal;

import java.nio.charset.StandardCharsets;
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

    private final ScriptHookSettings settings;

    ScriptHook(ScriptHookSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public HookInfo info() {
        String target = String.join(" ", commandLine());
        return new HookInfo(settings.name(), HookInfo.Kind.SCRIPT, settings.events().names(), target,
                ScriptRunner.problem(settings.command()));
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of(settings.command().toString()));
        line.addAll(settings.arguments());
        return line;
    }

    @Override
    public boolean subscribes(ZoneEvent event) {
        return settings.events().matches(event);
    }

    @Override
    public String arguments(ZoneEvent event) {
        return String.join(" ", settings.arguments().stream().map(a -> expand(a, event, TEMPLATE)).toList());
    }

    @Override
    public HookResult run(ZoneEvent event, HookContext context) throws InterruptedException {
        boolean templated = settings.arguments().stream().anyMatch(a -> a.contains(TEMPLATE));
        String document = templated || settings.stdin() ? context.documents().apply(event) : "";
        String template = Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
        List<String> argv = new ArrayList<>(List.of(settings.command().toString()));
        settings.arguments().forEach(a -> argv.add(expand(a, event, template)));
        Map<String, String> env = Map.of("ZK_EVENT", event.name(), "ZK_EVENT_ID", Long.toString(event.id()),
                "ZK_OBJECT_TYPE", event.objectType(), "ZK_OBJECT_ID", Long.toString(event.objectId()),
                "ZK_OBJECT_NAME", event.objectName());
        return context.scripts().run(argv, env, settings.stdin() ? document : "", settings.timeout());
    }

    /** Replaces the placeholders; $EVENT_ID before $EVENT, which it starts with. */
    static String expand(String argument, ZoneEvent event, String template) {
        return argument.replace("$EVENT_ID", Long.toString(event.id())).replace("$EVENT", event.name())
                .replace("$ID", Long.toString(event.objectId())).replace("$NAME", event.objectName())
                .replace("$TYPE", event.objectType()).replace(TEMPLATE, template);
    }

    @Override
    public int retries() {
        return settings.retries();
    }

    @Override
    public Duration retryDelay() {
        return settings.retryDelay();
    }
}
