package org.zonekeeper.hooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.zonekeeper.api.Hook;
import org.zonekeeper.api.HookInfo;
import org.zonekeeper.api.ZoneEvent;

/** A bundle's {@link Hook} service: called on a thread of its own, abandoned (interrupted) at the timeout. */
final class BundleHook implements RunnableHook {
    private final Hook hook;
    private final String name;
    private final String bundle;
    private final Subscriptions events;
    private final String problem;

    private BundleHook(Hook hook, String name, String bundle, Subscriptions events, String problem) {
        this.hook = hook;
        this.name = name;
        this.bundle = bundle;
        this.events = events;
        this.problem = problem;
    }

    /** From the service's properties; a bad {@code hook.events} makes a hook listed with its problem, never run. */
    static BundleHook of(Hook hook, Object nameProperty, Object eventsProperty, String bundle) {
        String name = nameProperty == null ? hook.getClass().getName() : nameProperty.toString();
        List<String> entries = eventsProperty instanceof String[] array ? List.of(array)
                : eventsProperty == null ? List.of() : List.of(eventsProperty.toString().split(","));
        try {
            return new BundleHook(hook, name, bundle, Subscriptions.of(entries), null);
        } catch (IllegalArgumentException e) {
            return new BundleHook(hook, name, bundle, new Subscriptions(entries), "bundle " + bundle + ": "
                    + Hook.EVENTS + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HookInfo info() {
        return new HookInfo(name, HookInfo.Kind.BUNDLE, events.names(), bundle, problem);
    }

    @Override
    public boolean subscribes(ZoneEvent event) {
        return problem == null && events.matches(event);
    }

    @Override
    public String arguments(ZoneEvent event) {
        return "";
    }

    @Override
    public HookResult run(ZoneEvent event, HookContext context) throws InterruptedException {
        FutureTask<Void> call = new FutureTask<>(() -> {
            hook.run(event);
            return null;
        });
        Thread thread = new Thread(call, "hook-" + name);
        thread.setDaemon(true);
        thread.start();
        Duration timeout = context.bundleTimeout();
        try {
            call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return HookResult.succeeded(0, "", "");
        } catch (TimeoutException e) {
            call.cancel(true);
            return HookResult.failed("no answer within " + timeout.toMillis() + " ms (bundle.timeout.ms): its thread "
                    + "was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return HookResult.failed(-1, "", "", cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    @Override
    public int retries() {
        return 0;
    }

    @Override
    public Duration retryDelay() {
        return Duration.ZERO;
    }
}
