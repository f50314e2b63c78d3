package org.zonekeeper.fencing.redfish.internal;

import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.redfish.RedfishClient;
import org.zonekeeper.fencing.redfish.RedfishOptions;

/**
 * Fences hosts through a Redfish BMC (HTTPS, port 443 by default). Options: {@code system} (a ComputerSystem id or
 * path, when the host map gives none and the service has several) and {@code reboot} (ForceRestart, PowerCycle or
 * GracefulRestart).
 */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=" + RedfishDriver.NAME)
public final class RedfishDriver implements FencingDriver {
    static final String NAME = "redfish";

    @Override
    public void validate(FenceDevice device) throws FencingException {
        for (String key : new TreeSet<>(device.options().keySet())) {
            if (!RedfishOptions.KEYS.contains(key)) {
                throw new FencingException(Kind.CONFIG, NAME + " device " + device.name() + ": unknown option '"
                        + key + "' (known: " + String.join(", ", new TreeSet<>(RedfishOptions.KEYS)) + ")");
            }
        }
        RedfishOptions.validate(device);
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        return new RedfishClient(device).status(plug);
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        return new RedfishClient(device).off(plug);
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        return new RedfishClient(device).on(plug);
    }

    @Override
    public PowerState reboot(FenceDevice device, String plug) throws FencingException {
        return new RedfishClient(device).reboot(plug);
    }

    @Override
    public void check(FenceDevice device) throws FencingException {
        new RedfishClient(device).check();
    }
}
