package org.zonekeeper.hooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.EventService;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.OneLive;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;

/**
 * Runs the hooks on the leader only. It follows the replicated event log from the cursor {@value #CURSOR}: for each
 * event, each subscribed hook's execution is recorded RUNNING through Raft before the cursor moves past the event,
 * and finished with its outcome. A new leader first marks the executions its predecessor left RUNNING as RETRIED and
 * runs them again, then raises {@code LEADER}, then follows the log where the cursor stands.
 */
@Component(service = HookEngine.class, immediate = true, configurationPid = HookEngine.PID)
@Designate(ocd = HookEngine.Config.class)
public final class HookEngine {
    static final String PID = "org.zonekeeper.hooks";
    static final String CURSOR = "hooks";
    private static final Logger LOG = LoggerFactory.getLogger(HookEngine.class);
    private static final int BATCH = 200;
    /** Executions looked at for ones a previous leader left running. */
    private static final int RECENT = 2000;
    /** Lets the script hook configurations and hook services of a starting server register first. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** One engine dispatching at a time, whatever Declarative Services constructs (see {@link OneLive}). */
    private static final OneLive<HookEngine> LIVE = new OneLive<>(HookEngine::stop);

    private record Key(String hook, long eventId) {
    }

    /** {@code etc/org.zonekeeper.hooks.cfg}, checked by {@link #check}: when it does not check out, defaults run. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper hook engine",
            description = "How the leader runs hooks for the replicated events.")
    @interface Config {
        @AttributeDefinition(name = "max.concurrent", description = "Hook executions running at the same time at "
                + "most; further ones wait.")
        @Limits(min = 1, max = 256)
        int max_concurrent() default 8;

        @AttributeDefinition(name = "poll.ms", description = "How often the leader reads new events.")
        @Limits(min = 50, max = 60_000, unit = "ms")
        long poll_ms() default 250;

        @AttributeDefinition(name = "output.limit.bytes", description = "A script writing more than this to stdout "
                + "and stderr together is killed and its run recorded as failed.")
        @Limits(min = 4096, max = 1L << 30)
        long output_limit_bytes() default 1048576;

        @AttributeDefinition(name = "bundle.timeout.ms", description = "How long a bundle hook may take before its "
                + "run is recorded as failed and its thread interrupted.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long bundle_timeout_ms() default 60000;
    }

    private final Leadership leadership;
    private final HookRegistry registry;
    private final HookLogService log;
    private final EventService events;
    private final Config config;
    private final HookContext context;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    /** Executions already recorded for events past the cursor: not started again. */
    private final Set<Key> recorded = ConcurrentHashMap.newKeySet();
    /** The last event handled; read and written on the timer thread only. */
    private long cursor;

    @Activate
    public HookEngine(@Reference Leadership leadership, @Reference HookRegistry registry,
            @Reference HookLogService log, @Reference EventService events, @Reference HostService hosts,
            @Reference VmService vms, Config config, Map<String, Object> properties) {
        this.leadership = leadership;
        this.registry = registry;
        this.log = log;
        this.events = events;
        this.config = checkedOrDefaults(config, properties);
        EventDocuments documents = new EventDocuments(hosts, vms);
        this.context = new HookContext(new ScriptRunner(this.config.output_limit_bytes()),
                Duration.ofMillis(this.config.bundle_timeout_ms()), documents::of);
        this.pool = Executors.newFixedThreadPool(this.config.max_concurrent(), threads("zonekeeper-hook"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("zonekeeper-hook-engine"));
        timer.schedule(this::takeOver, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        LIVE.started(this);
    }

    /** {@code properties} checked against {@link Config}, every bad key at once. */
    static Config check(Map<String, ?> properties) {
        return ConfigCheck.of(Config.class, PID, properties).orThrow();
    }

    /** {@code config} when {@code properties} check out, else the defaults, saying why in one line. */
    private static Config checkedOrDefaults(Config config, Map<String, Object> properties) {
        try {
            check(properties);
            return config;
        } catch (InvalidConfigException e) {
            LOG.error("{} (the hook engine runs with its defaults)", e.inOneLine());
            return check(Map.of());
        }
    }

    private static ThreadFactory threads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Deactivate
    void deactivate() {
        LIVE.stopped(this);
    }

    private void stop() {
        timer.shutdownNow();
        // interrupted scripts are killed with their process group; the next leader runs them again
        pool.shutdownNow();
    }

    private void takeOver() {
        try {
            // a write through Raft: once answered, this database holds everything committed before it
            log.advance(CURSOR, 0);
            cursor = log.cursor(CURSOR);
            for (HookExecution e : log.list(RECENT)) {
                if (e.eventId() > cursor) {
                    recorded.add(new Key(e.hook(), e.eventId()));
                }
                if (e.state() == HookExecution.State.RUNNING) {
                    resume(e);
                }
            }
            ZoneEvent leader = new ZoneEvent(0, System.currentTimeMillis(), Subscriptions.LEADER, "ZONE",
                    leadership.term(), leadership.server());
            registry.subscribers(leader).forEach(hook -> dispatch(hook, leader, 1, 0));
            LOG.info("hook engine on (term {}): following the event log after event {}", leadership.term(), cursor);
            timer.scheduleWithFixedDelay(this::poll, 0, config.poll_ms(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("hook engine: cannot take over yet: {}", e.getMessage());
            timer.schedule(this::takeOver, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** An execution a previous leader left RUNNING: marked RETRIED, then run again when that still makes sense. */
    private void resume(HookExecution interrupted) {
        Optional<RunnableHook> hook = registry.find(interrupted.hook());
        boolean leaderEvent = interrupted.event().equals(Subscriptions.LEADER);
        String reason = "interrupted by a leader change"
                + (hook.isEmpty() ? "; hook no longer configured, not run again"
                        : leaderEvent ? "; LEADER hooks run for the new leader instead"
                                : "; run again by " + leadership.server());
        try {
            log.finish(interrupted.id(), HookExecution.State.RETRIED, -1, interrupted.stdout(), interrupted.stderr(),
                    reason);
        } catch (ZoneException e) {
            LOG.warn("hook execution {}: {}", interrupted.id(), e.getMessage());
            return;
        }
        if (hook.isPresent() && !leaderEvent) {
            dispatch(hook.get(), eventOf(interrupted), interrupted.attempt() + 1, interrupted.id());
        }
    }

    private static ZoneEvent eventOf(HookExecution e) {
        return new ZoneEvent(e.eventId(), e.started(), e.event(), e.objectType(), e.objectId(), e.objectName());
    }

    private void poll() {
        try {
            List<ZoneEvent> batch = events.after(cursor, BATCH);
            for (ZoneEvent event : batch) {
                for (RunnableHook hook : registry.subscribers(event)) {
                    if (recorded.add(new Key(hook.name(), event.id()))) {
                        dispatch(hook, event, 1, 0);
                    }
                }
            }
            if (!batch.isEmpty()) {
                long last = batch.get(batch.size() - 1).id();
                log.advance(CURSOR, last);
                cursor = last;
                recorded.removeIf(k -> k.eventId() <= last);
            }
        } catch (RuntimeException e) {
            LOG.warn("hook engine: {}", e.getMessage());
        }
    }

    /** Records the execution RUNNING, then runs it on the pool. */
    private HookExecution dispatch(RunnableHook hook, ZoneEvent event, int attempt, long retryOf) {
        HookExecution started = log.start(hook.name(), event, hook.arguments(event), attempt, retryOf);
        pool.execute(() -> runAndFinish(hook, event, started));
        return started;
    }

    private void runAndFinish(RunnableHook hook, ZoneEvent event, HookExecution started) {
        HookResult outcome;
        try {
            outcome = hook.run(event, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            outcome = HookResult.failed("hook failed: " + e);
        }
        try {
            log.finish(started.id(), outcome.state(), outcome.exitCode(), outcome.stdout(), outcome.stderr(),
                    outcome.reason());
        } catch (ZoneException e) {
            LOG.warn("hook {} execution {}: outcome {} not recorded: {}", hook.name(), started.id(), outcome.state(),
                    e.getMessage());
            return;
        }
        String what = "hook " + hook.name() + " execution " + started.id() + " (" + event.name() + " "
                + event.objectName() + ", attempt " + started.attempt() + ")";
        if (outcome.ok()) {
            LOG.info("{}: succeeded", what);
            return;
        }
        LOG.warn("{}: failed: {}", what, outcome.reason());
        if (started.attempt() <= hook.retries()) {
            timer.schedule(() -> retry(hook, event, started), hook.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry(RunnableHook hook, ZoneEvent event, HookExecution failed) {
        try {
            dispatch(hook, event, failed.attempt() + 1, failed.id());
        } catch (RuntimeException e) {
            LOG.warn("hook {}: retry of execution {} not started: {}", hook.name(), failed.id(), e.getMessage());
        }
    }

    /** hook:retry: the execution's hook again for its event, as a new execution. */
    HookExecution retry(long executionId) {
        HookExecution e = log.get(executionId);
        if (e.state() == HookExecution.State.RUNNING) {
            throw new ZoneException("hook execution " + executionId + " is still running");
        }
        RunnableHook hook = registry.find(e.hook()).orElseThrow(() -> new ZoneException("hook '" + e.hook()
                + "' is not configured any more (see hook:list)"));
        return dispatch(hook, eventOf(e), e.attempt() + 1, e.id());
    }
}
