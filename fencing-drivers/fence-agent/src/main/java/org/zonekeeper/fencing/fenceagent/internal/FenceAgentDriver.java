package org.zonekeeper.fencing.fenceagent.internal;

import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.support.BmcCommand;
import org.zonekeeper.fencing.support.PowerPoller;

/**
 * Any ClusterLabs fence agent ({@code fence_*}). An agent's success is not taken on trust: after off and on the
 * state is read back with the agent's status action until it is the one asked for.
 */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=fence-agent")
public final class FenceAgentDriver implements FencingDriver {

    private final AgentMetadata metadata = new AgentMetadata();

    @Override
    public void validate(FenceDevice device) throws FencingException {
        FenceAgent.of(device, metadata);
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        FenceAgent agent = FenceAgent.of(device, metadata);
        BmcCommand.Result r = agent.run("status", plug);
        return switch (r.exitCode()) {
            case 0 -> PowerState.ON;
            case 2 -> PowerState.OFF;
            default -> throw failure(device, agent, "status", r);
        };
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        return power(device, plug, "off", PowerState.OFF);
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        return power(device, plug, "on", PowerState.ON);
    }

    @Override
    public PowerState reboot(FenceDevice device, String plug) throws FencingException {
        return power(device, plug, "reboot", PowerState.ON);
    }

    @Override
    public void check(FenceDevice device) throws FencingException {
        FenceAgent agent = FenceAgent.of(device, metadata);
        BmcCommand.Result r = agent.run("monitor", "");
        if (r.exitCode() != 0) {
            throw failure(device, agent, "monitor", r);
        }
    }

    private PowerState power(FenceDevice device, String plug, String action, PowerState want)
            throws FencingException {
        FenceAgent agent = FenceAgent.of(device, metadata);
        BmcCommand.Result r = agent.run(action, plug);
        if (r.exitCode() != 0) {
            throw failure(device, agent, action, r);
        }
        return PowerPoller.await(device, want, () -> status(device, plug));
    }

    private static FencingException failure(FenceDevice device, FenceAgent agent, String action,
            BmcCommand.Result r) {
        String line = r.lastLine();
        String text = (r.stdout() + "\n" + r.stderr()).toLowerCase(Locale.ROOT);
        Kind kind = text.contains("unable to connect") || text.contains("timed out") || text.contains("no route")
                || text.contains("connection refused") ? Kind.UNREACHABLE
                        : text.contains("login") || text.contains("password") || text.contains("authentication")
                                ? Kind.AUTH : Kind.PROTOCOL;
        return new FencingException(kind, "fence-agent device " + device.name() + " (" + agent.name() + " "
                + action + " at " + device.address() + "): exit " + r.exitCode() + ": " + line);
    }
}
