package org.zonekeeper.agent.connector.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.ZoneException;

/**
 * Probes hosts and deploys VMs through their node agents, on the leader only: each request names the term this
 * server leads, so an agent refuses it once it has heard from a newer leader. The HostProbe and VmmDriver services
 * exist only while this server leads and the configuration checks out (a readable token): without them nothing is monitored, which the log says in one line,
 * rather than every host being declared in ERROR for a front-end misconfiguration.
 */
@Component(service = {}, immediate = true, configurationPid = AgentConfig.PID)
@Designate(ocd = AgentConfig.class)
public final class AgentConnector {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnector.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public AgentConnector(BundleContext context, @Reference Leadership leadership, Map<String, Object> properties) {
        AgentClient client;
        try {
            client = new AgentClient(AgentSettings.parse(properties, Path.of(System.getProperty("karaf.home", "."))),
                    leadership.term());
        } catch (ZoneException e) {
            LOG.warn("{}: hosts are not monitored and no VM is deployed until this is fixed", e.getMessage());
            return;
        }
        registrations.add(context.registerService(HostProbe.class, new Probe(client), null));
        registrations.add(context.registerService(VmmDriver.class, new Driver(client), null));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private record Probe(AgentClient client) implements HostProbe {
        @Override
        public CompletionStage<HostReport> probe(Host host, Duration timeout) {
            return client.health(host, timeout);
        }
    }

    private record Driver(AgentClient client) implements VmmDriver {
        @Override
        public VmState deploy(Host host, Vm vm) {
            return client.deploy(host, vm);
        }

        @Override
        public void stop(Host host, Vm vm) {
            client.stop(host, vm);
        }

        @Override
        public VmState status(Host host, Vm vm) {
            return client.status(host, vm);
        }
    }
}
