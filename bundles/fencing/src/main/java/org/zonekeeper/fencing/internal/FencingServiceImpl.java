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
import org.osgi.service.metatype.annotations.Designate;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.fencing.DeviceInfo;
import org.zonekeeper.api.fencing.FencingAction;
import org.zonekeeper.api.fencing.FencingAttempt;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;

/** Fences the zone's hosts: levels from the replicated host, devices from this server's configuration. */
@Component(service = FencingService.class, configurationPid = FencingConfig.PID)
@Designate(ocd = FencingConfig.class)
public final class FencingServiceImpl implements FencingService {

    private final DeviceRegistry registry;
    private final HostService hosts;
    private final Semaphore slots;
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads());
    private final Fencer fencer;

    @Activate
    public FencingServiceImpl(@Reference DeviceRegistry registry, @Reference HostService hosts,
            Map<String, Object> properties) {
        this.registry = registry;
        this.hosts = hosts;
        this.slots = new Semaphore(new ConfigValues(FencingConfig.PID, properties)
                .integer("max.concurrent", 8, 1, 256), true);
        this.fencer = new Fencer(registry, calls);
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
