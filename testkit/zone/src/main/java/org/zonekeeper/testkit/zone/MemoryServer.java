package org.zonekeeper.testkit.zone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.zonekeeper.api.EventService;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.VmService;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.zone.internal.ZoneServerParts;
import org.zonekeeper.zone.internal.ZoneSettings;

/**
 * One server of a {@link MemoryZone}: the zone bundle's own parts (its member applying the log to its H2 memory
 * database, the api services, its leadership claimed through the log) without OSGi, sockets or processes. Its
 * {@link Leadership} is "registered" while it leads a claimed term, and the leader-only components given to
 * {@link #whileLeading} are started and stopped with it, as Declarative Services does with their mandatory
 * reference to that service.
 */
public final class MemoryServer {

    /** A leader-only component: made when the leadership is published, stopped when it is withdrawn. */
    private static final class LeaderOnly<T> {
        private final Function<Leadership, T> start;
        private final Consumer<T> stop;
        private T live;

        LeaderOnly(Function<Leadership, T> start, Consumer<T> stop) {
            this.start = start;
            this.stop = stop;
        }

        void start(Leadership leadership) {
            live = start.apply(leadership);
        }

        void stop() {
            if (live != null) {
                stop.accept(live);
                live = null;
            }
        }
    }

    private final ZoneSettings settings;
    private final MemoryEngine engine;
    private final List<LeaderOnly<?>> leaderOnly = new CopyOnWriteArrayList<>();
    private volatile ZoneServerParts parts;
    private Leadership leadership;

    MemoryServer(ZoneSettings settings, MemoryEngine engine) {
        this.settings = settings;
        this.engine = engine;
    }

    /** Not under this server's lock: the leadership publishes and withdraws under it, from a thread of its own. */
    void start() {
        try {
            // a database failure (not simulated here) would ask for a reset: restart() is the test's to call
            parts = ZoneServerParts.start(settings, engine, this::published, false, () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Runnable published(Leadership claimed) {
        leadership = claimed;
        leaderOnly.forEach(c -> c.start(claimed));
        notifyAll();
        return this::withdrawn;
    }

    private synchronized void withdrawn() {
        leaderOnly.forEach(LeaderOnly::stop);
        leadership = null;
        notifyAll();
    }

    /** This server's name in the zone ({@code zkI}). */
    public String name() {
        return settings.self().name();
    }

    /** The leadership this server publishes now: present while it leads a term it claimed through the log. */
    public synchronized Optional<Leadership> leadership() {
        return Optional.ofNullable(leadership);
    }

    /**
     * Runs a leader-only component on this server: {@code start} makes it each time this server's leadership is
     * published (at once if it is now), {@code stop} deactivates it when the leadership is withdrawn.
     */
    public synchronized <T> void whileLeading(Function<Leadership, T> start, Consumer<T> stop) {
        LeaderOnly<T> component = new LeaderOnly<>(start, stop);
        leaderOnly.add(component);
        if (leadership != null) {
            component.start(leadership);
        }
    }

    public HostService hosts() {
        return parts.hosts();
    }

    public VmService vms() {
        return parts.vms();
    }

    public RecoveryService recoveries() {
        return parts.recoveries();
    }

    public HookLogService hookLog() {
        return parts.hookLog();
    }

    public EventService events() {
        return parts.events();
    }

    /** This server's local database (reads; writes go through the log). */
    public ZoneDatabase database() {
        return parts.database();
    }

    /** Stops the server (its leader-only components first) and starts it again on an empty memory database. */
    public void restart() {
        close();
        start();
    }

    void close() {
        ZoneServerParts running = parts;
        parts = null;
        if (running != null) {
            running.close();
        }
    }
}
