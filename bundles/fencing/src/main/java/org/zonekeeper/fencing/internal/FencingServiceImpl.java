package org.zonekeeper.fencing.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;
import org.zonekeeper.api.fencing.DeviceInfo;
import org.zonekeeper.api.fencing.FencingAction;
import org.zonekeeper.api.fencing.FencingAttempt;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;

/** Fences the zone's hosts: levels from the replicated host, devices from this server's configuration. */
@Component(service = FencingService.class, configurationPid = FencingServiceImpl.PID)
@Designate(ocd = FencingServiceImpl.Config.class)
public final class FencingServiceImpl implements FencingService {
    static final String PID = "org.zonekeeper.fencing";
    private static final Logger LOG = LoggerFactory.getLogger(FencingServiceImpl.class);

    /** {@code etc/org.zonekeeper.fencing.cfg}, checked by {@link #check} before it is used. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper fencing",
            description = "How hosts are fenced: the bound on concurrent fencing operations.")
    @interface Config {
        @AttributeDefinition(name = "max.concurrent", description = "Hosts fenced at the same time at most; further "
                + "requests wait their turn.")
        @Limits(min = 1, max = 256)
        int max_concurrent() default 8;
    }

    private final DeviceRegistry registry;
    private final HostService hosts;
    private final Semaphore slots;
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads());
    private final Fencer fencer;

    @Activate
    public FencingServiceImpl(@Reference DeviceRegistry registry, @Reference HostService hosts,
            Config config, Map<String, Object> properties) {
        try {
            check(properties);
        } catch (InvalidConfigException e) {
            LOG.error("{}: no host is fenced until this is fixed", e.inOneLine());
            throw e;
        }
        this.registry = registry;
        this.hosts = hosts;
        this.slots = new Semaphore(config.max_concurrent(), true);
        this.fencer = new Fencer(registry, calls);
    }

    /** {@code properties} checked against {@link Config}, every bad key at once. */
    static Config check(Map<String, ?> properties) {
        return ConfigCheck.of(Config.class, PID, properties).orThrow();
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Override
    public List<DeviceInfo> devices() {
        return registry.devices();
    }

    @Override
    public FencingResult off(String host) {
        return run(host, FencingAction.OFF);
    }

    @Override
    public FencingResult on(String host) {
        return run(host, FencingAction.ON);
    }

    @Override
    public FencingResult status(String host) {
        return run(host, FencingAction.STATUS);
    }

    @Override
    public FencingAttempt check(String device) {
        return fencer.check(device);
    }

    private FencingResult run(String ref, FencingAction action) {
        String host = hosts.get(ref, ReadMode.LOCAL).name();
        List<List<String>> levels = levels(host);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZoneException("interrupted while waiting for a fencing slot");
        }
        try {
            return fencer.run(host, action, levels);
        } finally {
            slots.release();
        }
    }

    /** The host's levels, or one level per device whose host map names it. */
    private List<List<String>> levels(String host) {
        FencingLevels levels = hosts.get(host, ReadMode.LOCAL).fencingLevels();
        if (!levels.isEmpty()) {
            return levels.levels();
        }
        return registry.devicesMapping(host).stream().map(List::of).toList();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "zonekeeper-fencing-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
