package org.zonekeeper.fencing.drac.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.redfish.RedfishClient;
import org.zonekeeper.fencing.redfish.RedfishOptions;
import org.zonekeeper.fencing.support.PowerPoller;
import org.zonekeeper.fencing.support.Retries;

/**
 * Dell DRAC. Option {@code mode}: {@code racadm} (DRAC 5, iDRAC, CMC over SSH, default) or {@code redfish}
 * (iDRAC 7 and later). In racadm mode a CMC blade is the device's plug for the host, or option {@code module}.
 * Off and on are confirmed by reading {@code racadm serveraction powerstatus}.
 */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=drac")
public final class DracDriver implements FencingDriver {
    private static final Pattern STATUS = Pattern.compile("power status:\\s*(ON|OFF)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> RACADM_KEYS = Set.of("mode", "module");

    @Override
    public void validate(FenceDevice device) throws FencingException {
        boolean redfish = redfish(device);
        Set<String> allowed = new TreeSet<>(redfish ? RedfishOptions.KEYS : RACADM_KEYS);
        allowed.add("mode");
        for (String key : new TreeSet<>(device.options().keySet())) {
            if (!allowed.contains(key)) {
                throw invalid(device, key, "is not a drac option in " + (redfish ? "redfish" : "racadm") + " mode ("
                        + String.join(", ", allowed) + ")");
            }
        }
        String module = device.option("module").orElse("");
        if (!module.isEmpty() && !MODULE.matcher(module).matches()) {
            throw invalid(device, "module", "'" + module + "' is not a module name like server-1");
        }
        if (redfish) {
            RedfishOptions.validate(device);
        }
    }

    private static boolean redfish(FenceDevice device) throws FencingException {
        String mode = device.option("mode").orElse("racadm");
        if (!mode.equals("racadm") && !mode.equals("redfish")) {
            throw invalid(device, "mode", "'" + mode + "' is neither racadm nor redfish");
        }
        return mode.equals("redfish");
    }

    private static FencingException invalid(FenceDevice device, String key, String problem) {
        return new FencingException(Kind.CONFIG, "drac device " + device.name() + ": " + key + ": " + problem);
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).status(plug);
        }
        RacadmSsh ssh = new RacadmSsh(device);
        String out = Retries.call(device, () -> ssh.run(racadm(device, plug, "powerstatus")));
        Matcher m = STATUS.matcher(out);
        if (!m.find()) {
            throw new FencingException(Kind.PROTOCOL, ssh.where() + ": unexpected powerstatus answer '" + out + "'");
        }
        return m.group(1).equalsIgnoreCase("ON") ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).off(plug);
        }
        if (status(device, plug) != PowerState.OFF) {
            new RacadmSsh(device).run(racadm(device, plug, "powerdown"));
        }
        return PowerPoller.await(device, PowerState.OFF, () -> status(device, plug));
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).on(plug);
        }
        if (status(device, plug) != PowerState.ON) {
            new RacadmSsh(device).run(racadm(device, plug, "powerup"));
        }
        return PowerPoller.await(device, PowerState.ON, () -> status(device, plug));
    }

    @Override
    public PowerState reboot(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).reboot(plug);
        }
        off(device, plug);
        return on(device, plug);
    }

    @Override
    public void check(FenceDevice device) throws FencingException {
        status(device, "");
    }

    /** The racadm line, with {@code -m MODULE} for a CMC blade (the plug, else option module). */
    private static String racadm(FenceDevice device, String plug, String action) throws FencingException {
        String module = plug.isEmpty() ? device.option("module").orElse("") : plug;
        if (!module.isEmpty() && !MODULE.matcher(module).matches()) {
            throw invalid(device, "host.map", "plug '" + module + "' is not a module name like server-1");
        }
        return "racadm serveraction " + action + (module.isEmpty() ? "" : " -m " + module);
    }
}
