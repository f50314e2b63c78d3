package org.zonekeeper.agent.connector.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostReach;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.trust.ZoneTrust;

/**
 * This server's own view of the hosts' agents, on every server (not leader-only: no reference to
 * {@code Leadership}), for the mass-failure guard's second opinion. It reads the agent connector's configuration
 * ({@code org.zonekeeper.agent}, declared once in {@link AgentConnector.Config}) and calls the agents as the
 * connector does (same token, same trust, the host's identity checked), but names no leader term. Declarative
 * Services registers it and holds no timer or registration of its own here, so an instance it discards stops with
 * it: unlike the leader-only components it needs no {@code OneLive}.
 */
@Component(service = HostReach.class, configurationPid = AgentConnector.PID)
public final class AgentReach implements HostReach {
    private static final Logger LOG = LoggerFactory.getLogger(AgentReach.class);

    private final AgentClient client;
    private final String problem;

    @Activate
    public AgentReach(@Reference HostService hosts,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ZoneTrust trust, AgentConnector.Config config, Map<String, Object> properties) {
        AgentClient made = null;
        String why = null;
        try {
            made = new AgentClient(config, AgentConnector.token(properties,
                    Path.of(System.getProperty("karaf.home", "."))), 0, trust, () -> hosts.list(ReadMode.LOCAL));
        } catch (InvalidConfigException e) {
            why = e.inOneLine();
            LOG.warn("{}: this server cannot give a second opinion on hosts", why);
        }
        this.client = made;
        this.problem = why;
    }

    @Override
    public CompletionStage<Set<Long>> reached(Collection<Host> hosts, Duration timeout) {
        if (client == null) {
            return CompletableFuture.failedFuture(new ZoneException(problem));
        }
        List<Host> asked = List.copyOf(hosts);
        List<CompletableFuture<Boolean>> answers = asked.stream().map(h -> client.answers(h, timeout)).toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> java.util.stream.IntStream.range(0, asked.size())
                        .filter(i -> answers.get(i).join()).mapToObj(i -> asked.get(i).id())
                        .collect(Collectors.toUnmodifiableSet()));
    }
}
