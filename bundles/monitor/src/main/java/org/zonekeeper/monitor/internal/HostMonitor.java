package org.zonekeeper.monitor.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.OneLive;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;

/**
 * Probes every host each interval, on the leader only (it needs the {@link Leadership} service). A host that
 * misses {@code failures} probes in a row goes to ERROR; one in INIT or ERROR that answers goes to MONITORED.
 * Hosts being fenced or fenced are left to the host-error workflow.
 */
@Component(immediate = true, configurationPid = HostMonitor.PID)
@Designate(ocd = HostMonitor.Config.class)
public final class HostMonitor {
    static final String PID = "org.zonekeeper.monitor";
    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    /** One monitor probing at a time, whatever Declarative Services constructs (see {@link OneLive}). */
    private static final OneLive<HostMonitor> LIVE = new OneLive<>(HostMonitor::stop);
    static final Set<HostState> PROBED = Set.of(HostState.INIT, HostState.MONITORED, HostState.ERROR);

    /** {@code etc/org.zonekeeper.monitor.cfg}, checked by {@link #check} before it is used. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper host monitoring",
            description = "How the leader probes the hypervisor hosts' node agents.")
    @interface Config {
        @AttributeDefinition(name = "interval.ms", description = "Time between two monitoring rounds.")
        @Limits(min = 200, max = 3_600_000, unit = "ms")
        long interval_ms() default 3000;

        @AttributeDefinition(name = "failures", description = "Consecutive failed probes after which a host is put "
                + "in ERROR.")
        @Limits(min = 1, max = 100)
        int failures() default 3;

        @AttributeDefinition(name = "probe.timeout.ms", description = "How long one probe may take; no answer in "
                + "time is a failed probe (at most interval.ms).")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long probe_timeout_ms() default 2000;

        @AttributeDefinition(name = "suspect.interval.ms", description = "Time between two probes of a host that "
                + "missed its last probe, until it answers again or has missed failures probes: a dead host reaches "
                + "ERROR in about one interval.ms plus (failures - 1) of these, not failures intervals. At or above "
                + "interval.ms: no probe between rounds.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long suspect_interval_ms() default 1000;

        @AttributeDefinition(name = "max.concurrent", description = "Probes in flight at most.")
        @Limits(min = 1, max = 10_000)
        int max_concurrent() default 256;
    }

    private final HostService hosts;
    private final Config config;
    private final ProbeRound round;
    private final VmStates vmStates;
    private final Map<Long, Integer> missed = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zonekeeper-monitor");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public HostMonitor(@Reference Leadership leadership, @Reference HostService hosts, @Reference VmService vms,
            @Reference HostProbe probe, Config config, Map<String, Object> properties) {
        try {
            check(properties);
        } catch (InvalidConfigException e) {
            LOG.error("{}: hosts are not monitored until this is fixed", e.inOneLine());
            throw e;
        }
        this.hosts = hosts;
        this.config = config;
        this.round = new ProbeRound(probe, config.max_concurrent(), Duration.ofMillis(config.probe_timeout_ms()));
        this.vmStates = new VmStates(vms);
        LOG.info("monitoring hosts every {} ms, a host that missed a probe every {} ms (term {}): ERROR after {} "
                + "missed probes", config.interval_ms(), config.suspect_interval_ms(), leadership.term(),
                config.failures());
        timer.scheduleWithFixedDelay(this::monitor, 0, config.interval_ms(), TimeUnit.MILLISECONDS);
        if (config.suspect_interval_ms() < config.interval_ms()) {
            timer.scheduleWithFixedDelay(this::recheck, config.suspect_interval_ms(), config.suspect_interval_ms(),
                    TimeUnit.MILLISECONDS);
        }
        LIVE.started(this);
    }

    /**
     * {@code properties} checked against {@link Config}, every bad key at once; a probe may not outlast the
     * interval.
     */
    static Config check(Map<String, ?> properties) {
        return ConfigCheck.of(Config.class, PID, properties)
                .rule("probe.timeout.ms", c -> c.probe_timeout_ms() > c.interval_ms()
                        ? Optional.of(c.probe_timeout_ms() + " must not exceed interval.ms (" + c.interval_ms() + ")")
                        : Optional.empty())
                .orThrow();
    }

    @Deactivate
    void deactivate() {
        LIVE.stopped(this);
    }

    private void stop() {
        timer.shutdownNow();
    }

    /** A monitoring round: every host in a probed state. */
    private void monitor() {
        probe(h -> PROBED.contains(h.state()));
    }

    /**
     * Between rounds (same thread, so {@link #missed} needs no lock): the hosts that missed their last probe and
     * are not in ERROR yet, so that a dead host is told from a missed answer in seconds, not in rounds.
     */
    private void recheck() {
        if (!missed.isEmpty()) {
            probe(h -> missed.containsKey(h.id()) && PROBED.contains(h.state()) && h.state() != HostState.ERROR);
        }
    }

    private void probe(Predicate<Host> which) {
        try {
            List<Host> probed = hosts.list(ReadMode.LOCAL).stream().filter(which).toList();
            if (probed.isEmpty()) {
                return;
            }
            Map<Long, Long> answered = new HashMap<>();
            long started = System.currentTimeMillis();
            List<ProbeRound.Outcome> outcomes = round.run(probed);
            Map<Long, List<Vm>> placed = vmStates.byHost();
            for (ProbeRound.Outcome o : outcomes) {
                List<Vm> on = placed.getOrDefault(o.host().id(), List.of());
                if (o.answered()) {
                    // the leader's clock, not the host's: hosts' clocks may be off
                    answered.put(o.host().id(), System.currentTimeMillis());
                    answeredBy(o, on, started);
                } else {
                    missedBy(o, on);
                }
            }
            if (!answered.isEmpty()) {
                hosts.recordMonitoring(answered);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ZoneException e) {
            LOG.warn("monitoring round not recorded: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("monitoring round failed", e);
        }
    }

    private void answeredBy(ProbeRound.Outcome o, List<Vm> placed, long probed) {
        Host host = o.host();
        missed.remove(host.id());
        if (host.state() != HostState.MONITORED) {
            hosts.setState(host.name(), Set.of(HostState.INIT, HostState.ERROR), HostState.MONITORED);
            LOG.info("host {} answers: MONITORED", host.name());
        }
        vmStates.reconcile(host, placed, o.report(), probed);
    }

    private void missedBy(ProbeRound.Outcome o, List<Vm> placed) {
        Host host = o.host();
        int count = missed.merge(host.id(), 1, Integer::sum);
        if (count >= config.failures() && host.state() != HostState.ERROR) {
            hosts.setState(host.name(), Set.of(HostState.INIT, HostState.MONITORED), HostState.ERROR);
            LOG.warn("host {}: {} probes missed (last: {}): ERROR", host.name(), count, o.failure());
            vmStates.hostLost(host, placed);
        }
    }
}
