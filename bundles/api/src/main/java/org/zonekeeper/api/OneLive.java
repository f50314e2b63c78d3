package org.zonekeeper.api;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps at most one instance of a leader-only component acting. Declarative Services may construct such a component
 * twice when its activation races a configuration change or a service lookup (seen with Felix SCR 2.2.6: the
 * instance it discarded was never deactivated, and its timer went on deciding with the configuration it was made
 * with: a second decider). A component reports each instance once constructed ({@link #started}) and when it is
 * deactivated ({@link #stopped}); a newer instance stops the one before it, and deactivation stops whichever is live.
 *
 * @param <T> the component class
 */
public final class OneLive<T> {
    private final AtomicReference<T> live = new AtomicReference<>();
    private final Consumer<T> stop;

    /** {@code stop} ends an instance's work (timers, registrations); called at most once per instance here. */
    public OneLive(Consumer<T> stop) {
        this.stop = stop;
    }

    /** {@code instance} is constructed and acts from now on: the instance live before it is stopped. */
    public void started(T instance) {
        T before = live.getAndSet(instance);
        if (before != null && before != instance) {
            stop.accept(before);
        }
    }

    /** {@code instance} is deactivated: it is stopped, and so is whichever instance is live. */
    public void stopped(T instance) {
        T before = live.getAndSet(null);
        stop.accept(instance);
        if (before != null && before != instance) {
            stop.accept(before);
        }
    }
}
