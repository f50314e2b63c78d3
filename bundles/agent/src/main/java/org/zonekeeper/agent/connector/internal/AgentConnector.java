package org.zonekeeper.agent.connector.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostProbe;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.OneLive;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.config.Limits;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.trust.ZoneTrust;

/**
 * Probes hosts and deploys VMs through their node agents, on the leader only: each request names the term this
 * server leads, so an agent refuses it once it has heard from a newer leader. The HostProbe and VmmDriver services
 * exist only while this server leads and the configuration checks out (a readable token): without them nothing is monitored, which the log says in one line,
 * rather than every host being declared in ERROR for a front-end misconfiguration. With the zone's TLS on (this
 * server's {@link ZoneTrust} registered) agents are called over HTTPS and must prove to be their host.
 */
@Component(service = {}, immediate = true, configurationPid = AgentConnector.PID)
@Designate(ocd = AgentConnector.Config.class)
public final class AgentConnector {
    static final String PID = "org.zonekeeper.agent";
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnector.class);

    /** {@code etc/org.zonekeeper.agent.cfg}, checked by {@link #token} before it is used. */
    @ObjectClassDefinition(id = PID, name = "zonekeeper node agents",
            description = "How the front-end reaches the node agent on each hypervisor host.")
    @interface Config {
        @AttributeDefinition(name = "port", description = "Agent port, used when a host's address names none.")
        @Limits(min = 1, max = 65_535)
        int port() default 8380;

        @AttributeDefinition(name = "token.file", description = "File holding the agents' bearer token (its first "
                + "line), readable by the server only; relative to the Karaf home.")
        String token_file() default "etc/agent.token";

        @AttributeDefinition(name = "request.timeout.ms", description = "Deadline of a deploy, stop or status call.")
        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long request_timeout_ms() default 10000;

        @AttributeDefinition(name = "disk.dir", description = "Directory of the VMs' disk files on the shared "
                + "storage, as the hosts mount it; a VM's disk is DIR/vm-ID.disk (by id, never by name).")
        String disk_dir() default "/var/lib/zonekeeper/datastore";
    }

    /** One probe and VMM driver registered at a time, whatever Declarative Services constructs ({@link OneLive}). */
    private static final OneLive<AgentConnector> LIVE = new OneLive<>(AgentConnector::stop);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public AgentConnector(BundleContext context, @Reference Leadership leadership, @Reference HostService hosts,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ZoneTrust trust, Config config, Map<String, Object> properties) {
        AgentClient client;
        try {
            client = new AgentClient(config, token(properties, Path.of(System.getProperty("karaf.home", "."))),
                    leadership.term(), trust, () -> hosts.list(ReadMode.LOCAL));
        } catch (InvalidConfigException e) {
            LOG.warn("{}: hosts are not monitored and no VM is deployed until this is fixed", e.inOneLine());
            return;
        }
        if (trust == null) {
            LOG.warn("the zone's TLS is off: node agents are called over plain HTTP, the token in clear");
        }
        registrations.add(context.registerService(HostProbe.class, new Probe(client), null));
        registrations.add(context.registerService(VmmDriver.class, new Driver(client), null));
        LIVE.started(this);
    }

    /**
     * The agents' token, once {@code properties} checked out against {@link Config}, every bad key at once: the
     * token file must be private and not empty; relative to {@code karafHome}.
     */
    static Secret token(Map<String, ?> properties, Path karafHome) {
        ConfigCheck<Config> check = ConfigCheck.of(Config.class, PID, properties);
        Secret token = check.read("token.file", c -> ConfigValues.secretFile(PID, "token.file", c.token_file(),
                karafHome));
        check.rule("token.file", c -> token != null && token.isEmpty()
                ? Optional.of(karafHome.resolve(c.token_file().trim()) + " is empty") : Optional.empty()).orThrow();
        return token;
    }

    @Deactivate
    void deactivate() {
        LIVE.stopped(this);
    }

    private synchronized void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
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
