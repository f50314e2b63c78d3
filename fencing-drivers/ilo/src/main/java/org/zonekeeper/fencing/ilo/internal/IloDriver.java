package org.zonekeeper.fencing.ilo.internal;

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
 * HP iLO. Option {@code mode}: {@code ribcl} (iLO 2 to 4, default) or {@code redfish} (iLO 4 from 2.30, 5, 6).
 * RIBCL option {@code ribcl.power}: {@code button} (HOLD_PWR_BTN / PRESS_PWR_BTN, default) or
 * {@code set-host-power} (SET_HOST_POWER, old firmware). Off and on are confirmed by reading the power status.
 */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=ilo")
public final class IloDriver implements FencingDriver {
    private static final Pattern HOST_POWER = Pattern.compile("HOST_POWER=\"(ON|OFF)\"", Pattern.CASE_INSENSITIVE);
    private static final Set<String> RIBCL_KEYS = Set.of("mode", "ribcl.power");

    @Override
    public void validate(FenceDevice device) throws FencingException {
        boolean redfish = redfish(device);
        Set<String> allowed = new TreeSet<>(RIBCL_KEYS);
        if (redfish) {
            allowed.addAll(RedfishOptions.KEYS);
            allowed.remove("ribcl.power");
        }
        for (String key : new TreeSet<>(device.options().keySet())) {
            if (!allowed.contains(key)) {
                throw invalid(device, key, "is not an ilo option in " + (redfish ? "redfish" : "ribcl") + " mode ("
                        + String.join(", ", allowed) + ")");
            }
        }
        String power = device.option("ribcl.power").orElse("button");
        if (!power.equals("button") && !power.equals("set-host-power")) {
            throw invalid(device, "ribcl.power", "'" + power + "' is neither button nor set-host-power");
        }
        if (redfish) {
            RedfishOptions.validate(device);
        }
    }

    private static boolean redfish(FenceDevice device) throws FencingException {
        String mode = device.option("mode").orElse("ribcl");
        if (!mode.equals("ribcl") && !mode.equals("redfish")) {
            throw invalid(device, "mode", "'" + mode + "' is neither ribcl nor redfish");
        }
        return mode.equals("redfish");
    }

    private static FencingException invalid(FenceDevice device, String key, String problem) {
        return new FencingException(Kind.CONFIG, "ilo device " + device.name() + ": " + key + ": " + problem);
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).status(plug);
        }
        RibclClient ribcl = new RibclClient(device);
        String answer = Retries.call(device, () -> ribcl.send(
                "<SERVER_INFO MODE=\"read\"><GET_HOST_POWER_STATUS/></SERVER_INFO>"));
        Matcher m = HOST_POWER.matcher(answer);
        if (!m.find()) {
            throw new FencingException(Kind.PROTOCOL, ribcl.where() + ": no HOST_POWER in the answer");
        }
        return m.group(1).equalsIgnoreCase("ON") ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).off(plug);
        }
        if (status(device, plug) == PowerState.ON) {
            write(device, setHostPower(device) ? "<SET_HOST_POWER HOST_POWER=\"No\"/>" : "<HOLD_PWR_BTN/>");
        }
        return PowerPoller.await(device, PowerState.OFF, () -> status(device, plug));
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        validate(device);
        if (redfish(device)) {
            return new RedfishClient(device).on(plug);
        }
        // PRESS_PWR_BTN toggles: pressed only on a host that reads OFF
        if (status(device, plug) == PowerState.OFF) {
            write(device, setHostPower(device) ? "<SET_HOST_POWER HOST_POWER=\"Yes\"/>" : "<PRESS_PWR_BTN/>");
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

    private static boolean setHostPower(FenceDevice device) {
        return device.option("ribcl.power").orElse("button").equals("set-host-power");
    }

    private static void write(FenceDevice device, String command) throws FencingException {
        RibclClient ribcl = new RibclClient(device);
        ribcl.send("<SERVER_INFO MODE=\"write\">" + command + "</SERVER_INFO>");
    }
}
