package org.zonekeeper.monitor.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneException;

/**
 * Probes every host each interval, on the leader only (it needs the {@link Leadership} service). A host that
 * misses {@code failures} probes in a row goes to ERROR; one in INIT or ERROR that answers goes to MONITORED.
 * Hosts being fenced or fenced are left to the host-error workflow.
 */
@Component(immediate = true, configurationPid = MonitorConfig.PID)
@Designate(ocd = MonitorConfig.class)
public final class HostMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    static final Set<HostState> PROBED = Set.of(HostState.INIT, HostState.MONITORED, HostState.ERROR);

    private final HostService hosts;
    private final MonitorSettings settings;
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
            @Reference HostProbe probe, Map<String, Object> properties) {
        this.hosts = hosts;
        this.settings = MonitorSettings.parse(properties);
        this.round = new ProbeRound(probe, settings);
        this.vmStates = new VmStates(vms);
        LOG.info("monitoring hosts every {} ms (term {}): ERROR after {} missed probes", settings.interval().toMillis(),
                leadership.term(), settings.failures());
        timer.scheduleWithFixedDelay(this::monitor, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void monitor() {
        try {
            List<Host> probed = hosts.list(ReadMode.LOCAL).stream().filter(h -> PROBED.contains(h.state())).toList();
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
        if (count >= settings.failures() && host.state() != HostState.ERROR) {
            hosts.setState(host.name(), Set.of(HostState.INIT, HostState.MONITORED), HostState.ERROR);
            LOG.warn("host {}: {} probes missed (last: {}): ERROR", host.name(), count, o.failure());
            vmStates.hostLost(host, placed);
        }
    }
}
