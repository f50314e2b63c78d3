package org.zonekeeper.agent.connector.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.ZoneException;

/**
 * Probes hosts and deploys VMs through their node agents. A configuration that does not check out (no token) keeps
 * the services registered: every call then fails with that one-line reason, so monitoring says why.
 */
@Component(service = {HostProbe.class, VmmDriver.class}, configurationPid = AgentConfig.PID)
@Designate(ocd = AgentConfig.class)
public final class AgentConnector implements HostProbe, VmmDriver {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnector.class);

    private final AgentClient client;
    private final String problem;

    @Activate
    public AgentConnector(Map<String, Object> properties) {
        AgentClient built = null;
        String refused = null;
        try {
            built = new AgentClient(AgentSettings.parse(properties, Path.of(System.getProperty("karaf.home", "."))));
        } catch (ZoneException e) {
            refused = e.getMessage();
            LOG.error("{}", refused);
        }
        this.client = built;
        this.problem = refused;
    }

    private AgentClient client() {
        if (client == null) {
            throw new ZoneException(problem);
        }
        return client;
    }

    @Override
    public CompletionStage<HostReport> probe(Host host, Duration timeout) {
        try {
            return client().health(host, timeout);
        } catch (ZoneException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public VmState deploy(Host host, Vm vm) {
        return client().deploy(host, vm);
    }

    @Override
    public void stop(Host host, Vm vm) {
        client().stop(host, vm);
    }

    @Override
    public VmState status(Host host, Vm vm) {
        return client().status(host, vm);
    }
}
