package org.zonekeeper.ha.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostRecovery;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.OneLive;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.SecondOpinion;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;
import org.zonekeeper.api.fencing.FencingService;

/**
 * The built-in host-error workflow, the deployment of waiting VMs and the end of stopped and deleted ones, on the
 * leader only. Each second it compares every host's replicated state with what should happen next
 * ({@link HostSteps}, the {@link MassFailureGuard} and its second opinion) and starts that step (at most one per host,
 * at most max.concurrent hosts). Every step is written through Raft before it is acted on, so a new leader resumes
 * from the replicated state.
 */
@Component(immediate = true, configurationPid = RecoveryController.PID)
@Designate(ocd = RecoveryController.Config.class)
public final class RecoveryController implements HostRecovery {
    static final String PID = "org.zonekeeper.ha";
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryController.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    /** {@code etc/org.zonekeeper.ha.cfg}, checked by {@link #check} before it is used. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper host-error workflow",
            description = "What the leader does with a host in ERROR: wait, fence it (power-off confirmed), then "
                    + "redeploy its VMs.")
    @interface Config {
        @AttributeDefinition(name = "mode", description = "What happens to the VMs of a fenced host: migrate "
                + "(redeploy the same VM, its disks on shared storage, on another host), delete (delete it), or hook "
                + "(nothing built in: a script hook on HOST/ERROR recovers the host with ha:fence and ha:redeploy, "
                + "e.g. hook-scripts/ha/host_error.sh). recreate is refused for now.")
        String mode() default "migrate";

        @AttributeDefinition(name = "wait.cycles", description = "Monitoring cycles a host stays in ERROR before it "
                + "is fenced; if it answers meanwhile, nothing is done. A host whose BMC reports its power OFF "
                + "(asked once as it starts waiting) is fenced at once: it cannot answer again.")
        @Limits(min = 0, max = 1000)
        int wait_cycles() default 3;

        @AttributeDefinition(name = "fencing", description = "Fence a host before its VMs move. false redeploys VMs "
                + "of a host that may still run them (split brain on shared disks): logged as a warning on every "
                + "use.")
        boolean fencing() default true;

        @AttributeDefinition(name = "fence.retry.ms", description = "First pause before fencing a FENCE_FAILED host "
                + "again; doubled on each failure.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long fence_retry_ms() default 10000;

        @AttributeDefinition(name = "fence.retry.max.ms", description = "Longest pause between two fencing "
                + "attempts (at least fence.retry.ms).")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long fence_retry_max_ms() default 300000;

        @AttributeDefinition(name = "max.concurrent", description = "Hosts recovered at the same time at most.")
        @Limits(min = 1, max = 256)
        int max_concurrent() default 8;

        @AttributeDefinition(name = "max.failed.fraction", description = "Mass-failure guard: when more than this "
                + "fraction of the monitored hosts (and at least 2) are in ERROR at once, none of them is fenced: the "
                + "leader more likely lost its own network or CPU than they all died. They wait, step HELD in "
                + "ha:status, and ZONE/MASS_FAILURE fires once, until the other servers' second opinion finds them "
                + "down (then fenced), enough answer again, or an operator fences them (ha:fence) or declares them "
                + "off (ha:confirm-off). 1 turns the guard off.")
        @Limits(min = 0, max = 1, aboveMin = true)
        double max_failed_fraction() default 0.5;

        @AttributeDefinition(name = "second.opinion.timeout.ms", description = "While the mass-failure guard "
                + "holds hosts, the leader asks the other servers, through their status channel, which of them they "
                + "reach: each probes the held hosts' agents for at most this long, and an answer not back a second "
                + "later counts as none. A host a majority of the servers (the leader one of them) cannot reach is "
                + "fenced; one another server reaches stays held.")
        @Limits(min = 100, max = 30_000, unit = "ms")
        long second_opinion_timeout_ms() default 2000;

        @AttributeDefinition(name = "second.opinion.interval.ms", description = "How often the other servers are "
                + "asked again while the same hosts stay held (at once when the held hosts change).")
        @Limits(min = 500, max = 3_600_000, unit = "ms")
        long second_opinion_interval_ms() default 5000;
    }

    private final HostService hosts;
    private final RecoveryService recoveries;
    private final HaPolicy policy;
    private final Fencing fencing;
    private final Redeploy redeploy;
    private final Deployments deployments;
    private final Stops stops;
    private final MassFailureGuard guard;
    private final SecondOpinions opinions;
    private final HostSteps next;
    private final Set<Long> deploying = StepPool.keys();
    /** One workflow deciding at a time, whatever Declarative Services constructs (see {@link OneLive}). */
    private static final OneLive<RecoveryController> LIVE = new OneLive<>(RecoveryController::stop);

    private final Set<Long> busy = StepPool.keys();
    /** The other servers' view of held hosts (bundles/zone); none in a zone server that does not provide it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecondOpinion secondOpinion;
    private final StepPool steps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zonekeeper-ha");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public RecoveryController(@Reference Leadership leadership, @Reference HostService hosts,
            @Reference VmService vms, @Reference RecoveryService recoveries, @Reference FencingService fencing,
            @Reference VmmDriver vmm, @Reference ConfigurationAdmin configurations, Config config,
            Map<String, Object> properties) {
        try {
            check(properties);
        } catch (InvalidConfigException e) {
            LOG.error("{}: the host-error workflow is off until this is fixed", e.inOneLine());
            throw e;
        }
        this.hosts = hosts;
        this.recoveries = recoveries;
        this.policy = new HaPolicy(config, HaPolicy.monitoringInterval(configurations));
        this.fencing = new Fencing(hosts, fencing, policy);
        Placement placement = new Placement(hosts, vms);
        this.deployments = new Deployments(hosts, vms, vmm, placement);
        this.redeploy = new Redeploy(vms, recoveries, deployments, policy, placement);
        this.stops = new Stops(hosts, vms, vmm);
        this.opinions = new SecondOpinions(() -> secondOpinion, leadership, policy);
        this.guard = new MassFailureGuard(policy, recoveries, opinions);
        this.next = new HostSteps(hosts, recoveries, policy, this.fencing, redeploy, guard);
        this.steps = new StepPool(config.max_concurrent());
        LOG.info("host-error workflow on (term {}): mode {}, fence after {} ms in ERROR, fencing {}",
                leadership.term(), policy.mode(), policy.errorWait().toMillis(), policy.fencing() ? "on" : "OFF");
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        LIVE.started(this);
    }

    /**
     * {@code properties} checked against {@link Config}, every bad key at once: the mode must be one, and
     * fence.retry.max.ms not below fence.retry.ms.
     */
    static Config check(Map<String, ?> properties) {
        return ConfigCheck.of(Config.class, PID, properties)
                .rule("mode", c -> Mode.problem(c.mode()))
                .rule("fence.retry.max.ms", c -> c.fence_retry_max_ms() < c.fence_retry_ms()
                        ? Optional.of(c.fence_retry_max_ms() + " is below fence.retry.ms") : Optional.empty())
                .orThrow();
    }

    @Deactivate
    void deactivate() {
        LIVE.stopped(this);
    }

    private void stop() {
        timer.shutdownNow();
        steps.close();
        opinions.close();
    }

    @Override
    public Host fence(String ref) {
        Host target = hosts.get(ref, ReadMode.LOCAL);
        Recovery recovery = recoveryOf(target);
        if (recovery == null || !recovery.step().equals(Recovery.HELD)) {
            requireHookMode();
        }
        if (!busy.add(target.id())) {
            throw new ZoneException("host " + target.name() + ": the workflow is taking a step on it; see ha:status");
        }
        try {
            Host host = hosts.setState(ref, Set.of(HostState.ERROR, HostState.FENCE_FAILED), HostState.FENCING);
            fencing.fence(host, recovery);
            return hosts.get(ref, ReadMode.LOCAL);
        } finally {
            busy.remove(target.id());
        }
    }

    @Override
    public int redeploy(String ref) {
        requireHookMode();
        Host host = hosts.get(ref, ReadMode.LOCAL);
        if (host.state() != HostState.FENCED) {
            throw new ZoneException("host " + host.name() + " is " + host.state() + ": only the VMs of a FENCED host "
                    + "are moved");
        }
        redeploy.run(host, recoveryOf(host));
        int left = redeploy.stranded(host).size();
        if (left == 0) {
            recoveries.end(host.id());
        }
        return left;
    }

    /**
     * Outside mode hook the built-in workflow takes these steps itself (two deciders would race), except fencing
     * a host the mass-failure guard holds: that is the operator's call.
     */
    private void requireHookMode() {
        if (policy.mode() != Mode.HOOK) {
            throw new ZoneException("org.zonekeeper.ha mode is " + policy.mode().name().toLowerCase(Locale.ROOT)
                    + ": the built-in workflow recovers hosts; these steps are for mode = hook");
        }
    }

    /** The host's recovery, or null. */
    private Recovery recoveryOf(Host host) {
        return recoveries.list().stream().filter(r -> r.hostId() == host.id()).findFirst().orElse(null);
    }

    private void tick() {
        try {
            deployments.waiting().forEach(this::deploy);
            stops.waiting().forEach(vm -> steps.once(deploying, vm.id(), "VM " + vm.name(), () -> stops.end(vm)));
            if (policy.mode() == Mode.HOOK) {
                return;
            }
            Map<Long, Recovery> recorded = new ConcurrentHashMap<>();
            recoveries.list().forEach(r -> recorded.put(r.hostId(), r));
            List<Host> all = hosts.list(ReadMode.LOCAL);
            boolean held = guard.holds(all, recorded);
            for (Host host : all) {
                Recovery recovery = recorded.get(host.id());
                next.next(host, recovery, held).ifPresent(step -> start(host, step));
            }
        } catch (RuntimeException e) {
            LOG.warn("host-error workflow: {}", e.getMessage());
        }
    }

    private void deploy(org.zonekeeper.api.Vm vm) {
        steps.once(deploying, vm.id(), "VM " + vm.name(), () -> deployments.deploy(vm));
    }

    private void start(Host host, Runnable step) {
        steps.once(busy, host.id(), "host " + host.name(), step);
    }
}
