package org.zonekeeper.fencing.redfish;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.support.PowerPoller;
import org.zonekeeper.fencing.support.Retries;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fences one ComputerSystem of a Redfish service (HTTPS, HTTP Basic, TLS as the device's verification says). The
 * system is the {@code plug} if given, else the {@link RedfishOptions#SYSTEM} option, else the only member of the
 * service's Systems collection. Power changes send {@code #ComputerSystem.Reset} to the target the system lists and
 * return only once PowerState reads the asked state. Not thread-safe; make one per operation.
 */
public final class RedfishClient {
    static final String ROOT = "/redfish/v1";
    static final String SYSTEMS = ROOT + "/Systems";
    private static final Logger LOG = LoggerFactory.getLogger(RedfishClient.class);

    private final FenceDevice device;
    private final RedfishHttp http;

    /** Sets up TLS from the device's verification (CONFIG when its files are unusable); contacts nothing yet. */
    public RedfishClient(FenceDevice device) throws FencingException {
        this.device = device;
        this.http = new RedfishHttp(device);
    }

    /** Redfish PowerState to ours: On and Off; PoweringOn, PoweringOff, Paused, absent and the rest are UNKNOWN. */
    public static PowerState powerState(String redfish) {
        if ("On".equals(redfish)) {
            return PowerState.ON;
        }
        if ("Off".equals(redfish)) {
            return PowerState.OFF;
        }
        return PowerState.UNKNOWN;
    }

    public PowerState status(String plug) throws FencingException {
        String path = systemPath(plug);
        return Retries.call(device, () -> read(path)).power();
    }

    /** Sends ForceOff and returns OFF once PowerState reads Off. */
    public PowerState off(String plug) throws FencingException {
        return change(plug, "ForceOff", PowerState.OFF);
    }

    /** Sends On and returns ON once PowerState reads On. */
    public PowerState on(String plug) throws FencingException {
        return change(plug, "On", PowerState.ON);
    }

    /**
     * Sends the {@link RedfishOptions#REBOOT} ResetType (ForceRestart by default), or On to a system that reads
     * Off, and returns ON once PowerState reads On. A lost answer is not retried: it could restart the host twice.
     */
    public PowerState reboot(String plug) throws FencingException {
        String path = systemPath(plug);
        ComputerSystem system = Retries.call(device, () -> read(path));
        if (system.power() == PowerState.OFF) {
            Retries.call(device, () -> reset(system, "On", PowerState.ON));
        } else {
            reset(system, RedfishOptions.rebootType(device), null);
        }
        return confirm(path, PowerState.ON);
    }

    /**
     * Proves address, credentials and certificate without touching power: reads the configured system, or the
     * only one; on a service with several systems and none configured, reads the Systems collection.
     */
    public void check() throws FencingException {
        Retries.call(device, () -> {
            String configured = configuredSystem("");
            if (configured != null) {
                read(configured);
                return null;
            }
            List<String> members = members();
            if (members.size() == 1) {
                read(members.get(0));
            }
            return null;
        });
    }

    /** The path of the system {@code plug} (or the device) means, found as the class comment says. */
    public String systemPath(String plug) throws FencingException {
        String configured = configuredSystem(plug);
        if (configured != null) {
            return configured;
        }
        List<String> members = Retries.call(device, this::members);
        if (members.size() == 1) {
            return members.get(0);
        }
        if (members.isEmpty()) {
            throw http.failure(Kind.UNSUPPORTED, "the service lists no system in its Systems collection");
        }
        throw http.failure(Kind.CONFIG, "the service has " + members.size() + " systems (" + String.join(", ",
                members) + "): map the host to one (host.map HOST:ID) or set the " + RedfishOptions.SYSTEM
                + " option");
    }

    private String configuredSystem(String plug) throws FencingException {
        String chosen = plug != null && !plug.isBlank() ? plug.strip() : device.option(RedfishOptions.SYSTEM)
                .orElse(null);
        if (chosen == null) {
            return null;
        }
        if (!RedfishOptions.isSystem(chosen)) {
            throw http.failure(Kind.CONFIG, "system '" + chosen + "' is neither a system id (letters, digits, "
                    + "'.', '_', '-') nor a path like " + SYSTEMS + "/1");
        }
        return chosen.startsWith("/") ? chosen : SYSTEMS + "/" + chosen;
    }

    private List<String> members() throws FencingException {
        String collection = http.get(ROOT).path("Systems").path("@odata.id").asText("");
        if (collection.isEmpty()) {
            throw http.failure(Kind.UNSUPPORTED, "the service root " + ROOT + " links no Systems collection");
        }
        List<String> members = new ArrayList<>();
        for (JsonNode member : http.get(collection).path("Members")) {
            String path = member.path("@odata.id").asText("");
            if (!path.isEmpty()) {
                members.add(path);
            }
        }
        return members;
    }

    private ComputerSystem read(String path) throws FencingException {
        return ComputerSystem.of(path, http.get(path));
    }

    private PowerState change(String plug, String resetType, PowerState want) throws FencingException {
        String path = systemPath(plug);
        ComputerSystem system = Retries.call(device, () -> read(path));
        Retries.call(device, () -> reset(system, resetType, want));
        return confirm(path, want);
    }

    private PowerState confirm(String path, PowerState want) throws FencingException {
        try {
            return PowerPoller.await(device, want, () -> read(path).power());
        } catch (FencingException e) {
            if (e.getMessage().startsWith(http.where())) {
                throw e;
            }
            throw new FencingException(e.kind(), http.where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Posts the reset. A 409 or 400 refusal (how BMCs answer "already off") passes only when PowerState then reads
     * {@code alreadyOk}; null makes every refusal a failure.
     */
    private Void reset(ComputerSystem system, String resetType, PowerState alreadyOk) throws FencingException {
        if (system.resetTarget() == null) {
            throw http.failure(Kind.UNSUPPORTED, "system " + system.path() + " has no "
                    + ComputerSystem.RESET_ACTION + " action");
        }
        if (!system.allows(resetType)) {
            throw http.failure(Kind.UNSUPPORTED, "system " + system.path() + " does not offer ResetType "
                    + resetType + " (it offers " + String.join(", ", system.resetTypes()) + ")");
        }
        RedfishHttp.Reply reply = http.post(system.resetTarget(), "{\"ResetType\":\"" + resetType + "\"}");
        if (reply.ok()) {
            LOG.info("{}: {} sent to {}", http.where(), resetType, system.path());
            return null;
        }
        FencingException refused = http.refused(reply, " (ResetType " + resetType + ")");
        if (alreadyOk == null || (reply.status() != 409 && reply.status() != 400)) {
            throw refused;
        }
        PowerState now = read(system.path()).power();
        if (now != alreadyOk) {
            throw new FencingException(refused.kind(), refused.getMessage() + " (yet power state reads " + now
                    + ")");
        }
        LOG.info("{}: {} refused with HTTP {} and power state reads {}: taken as done", http.where(), resetType,
                reply.status(), now);
        return null;
    }
}
