package org.zonekeeper.zone.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.DatabaseStatus;
import org.zonekeeper.api.EventService;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.HostReach;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.SecondOpinion;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.ServerStatus;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.ZoneService;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.model.AddServer;
import org.zonekeeper.model.DeleteServer;
import org.zonekeeper.replication.ReplicationEngine;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.trust.ZoneTrust;

/**
 * This server's place in the zone, started from {@code org.zonekeeper.zone}. A configuration that does
 * not check out starts nothing: the error is logged in one line and every zone command repeats it.
 */
@Component(service = ZoneService.class, configurationPid = ZoneConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ZoneConfig.class)
public final class ZoneServerComponent implements ZoneService {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneServerComponent.class);

    private final BundleContext context;
    private final ReplicationEngine engine;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "zonekeeper-status-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final ZoneSettings settings;
    private volatile ZoneMember node;
    private ZoneServerParts parts;
    private volatile String startError;
    private final AtomicBoolean resetPending = new AtomicBoolean();
    /** This server's own probe of the hosts, answering the leader's reach requests; the agent bundle's, if any. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostReach reach;

    /**
     * Starts this server's zone member from {@code config}, once {@code properties} (the same configuration, raw)
     * checked out; otherwise nothing starts and every bad key is logged, in one line.
     */
    @Activate
    public ZoneServerComponent(BundleContext context, @Reference ReplicationEngine engine, ZoneConfig config,
            Map<String, Object> properties) {
        this.context = context;
        this.engine = engine;
        ZoneSettings parsed = null;
        try {
            parsed = ZoneSettings.of(config, properties, Path.of(System.getProperty("karaf.data", "data")));
            LOG.info("starting {}", parsed);
            start(parsed);
        } catch (ZoneException | IOException e) {
            startError = e instanceof InvalidConfigException invalid ? invalid.inOneLine() : e.getMessage();
            LOG.error("zone server not started: {}", startError);
        }
        this.settings = parsed;
    }

    private synchronized void start(ZoneSettings zone) throws IOException {
        parts = ZoneServerParts.start(zone, engine,
                leading -> context.registerService(Leadership.class, leading, null)::unregister, true,
                this::resetLocal);
        node = parts.member();
        node.reaches().probeThrough(() -> reach);
        if (parts.trust() != null) {
            // this server's certificate, for its clients of other machines (the node agents' HTTPS)
            registrations.add(context.registerService(ZoneTrust.class, parts.trust(), null));
        }
        registrations.add(context.registerService(HostService.class, parts.hosts(), null));
        registrations.add(context.registerService(VmService.class, parts.vms(), null));
        registrations.add(context.registerService(HookLogService.class, parts.hookLog(), null));
        registrations.add(context.registerService(RecoveryService.class, parts.recoveries(), null));
        registrations.add(context.registerService(EventService.class, parts.events(), null));
        registrations.add(context.registerService(SecondOpinion.class, new PeerOpinions(node, probes), null));
    }

    private synchronized void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (parts != null) {
            parts.close();
            parts = null;
            node = null;
        }
    }

    @Deactivate
    void deactivate() {
        stop();
        probes.shutdownNow();
    }

    private ZoneMember running() {
        ZoneMember current = node;
        if (current == null) {
            throw new ZoneException("zone server not started: " + (startError == null ? "restarting" : startError));
        }
        return current;
    }

    @Override
    public int localServerId() {
        return running().settings().self().id();
    }

    @Override
    public List<ZoneServer> servers() {
        return running().servers();
    }

    @Override
    public List<ServerStatus> status() {
        ZoneMember local = running();
        int self = local.settings().self().id();
        List<CompletableFuture<ServerStatus>> answers = servers().stream()
                .map(s -> s.id() == self ? CompletableFuture.completedFuture(local.localStatus())
                        : CompletableFuture.supplyAsync(() -> local.probe().ask(s), probes))
                .toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public DatabaseStatus database() {
        ZoneDatabase database = running().database();
        return new DatabaseStatus(database.settings().toString(), database.appliedIndex(), database.digest());
    }

    @Override
    public ZoneServer addServer(String name, String endpoint) {
        String problem = ServerList.endpointProblem(endpoint);
        if (problem != null) {
            throw new ZoneException(problem);
        }
        return running().submit(new AddServer(name, endpoint)).item();
    }

    @Override
    public void deleteServer(int id) {
        ZoneMember local = running();
        ZoneServer removed = local.submit(new DeleteServer(id)).item();
        local.removeMember(removed.endpoint());
    }

    @Override
    public void resetServer(int id) {
        ZoneServer target = servers().stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no zone server with id " + id));
        if (id == localServerId()) {
            resetLocal();
            return;
        }
        try {
            String answer = running().probe().request(target, "reset");
            if (!answer.equals("ok")) {
                throw new ZoneException("server " + target.name() + " refused the reset: " + answer);
            }
        } catch (IOException e) {
            throw new ZoneException("server " + target.name() + " did not answer: " + e.getMessage());
        }
    }

    /**
     * Restarts the local member against its database, which replays log and snapshot into it. Resets are
     * serialized: one asked for while another is pending is the same reset.
     */
    private void resetLocal() {
        if (!resetPending.compareAndSet(false, true)) {
            LOG.info("a reset of this server is already pending");
            return;
        }
        Thread restart = new Thread(() -> {
            synchronized (this) {
                resetPending.set(false);
                LOG.info("resynchronising this server's database from the Raft log");
                stop();
                try {
                    start(settings);
                } catch (IOException | ZoneException e) {
                    startError = e.getMessage();
                    LOG.error("zone server not restarted after reset: {}", startError);
                }
            }
        }, "zonekeeper-reset");
        restart.start();
    }
}
