package org.zonekeeper.fencing.ipmi.internal;

import org.osgi.service.component.annotations.Component;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.support.PowerPoller;
import org.zonekeeper.fencing.support.Retries;

/** IPMI v2.0 (lanplus) BMCs through ipmitool; off and on are confirmed by polling the chassis power status. */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=ipmi")
public final class IpmiDriver implements FencingDriver {

    private final Ipmitool ipmitool = new Ipmitool();

    @Override
    public void validate(FenceDevice device) throws FencingException {
        IpmiOptions.of(device);
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        IpmiOptions options = IpmiOptions.of(device);
        String out = Retries.call(device, () -> ipmitool.run(device, options, "chassis", "power", "status"));
        if (out.contains("Chassis Power is on")) {
            return PowerState.ON;
        }
        if (out.contains("Chassis Power is off")) {
            return PowerState.OFF;
        }
        throw new FencingException(Kind.PROTOCOL, Ipmitool.where(device) + ": unexpected status '" + out.strip()
                + "'");
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        return power(device, "off", PowerState.OFF);
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        return power(device, "on", PowerState.ON);
    }

    @Override
    public PowerState reboot(FenceDevice device, String plug) throws FencingException {
        if (IpmiOptions.of(device).cycle()) {
            return power(device, "cycle", PowerState.ON);
        }
        off(device, plug);
        return on(device, plug);
    }

    @Override
    public void check(FenceDevice device) throws FencingException {
        status(device, "");
    }

    private PowerState power(FenceDevice device, String command, PowerState want) throws FencingException {
        IpmiOptions options = IpmiOptions.of(device);
        Retries.call(device, () -> ipmitool.run(device, options, "chassis", "power", command));
        return PowerPoller.await(device, want, () -> status(device, ""));
    }
}
