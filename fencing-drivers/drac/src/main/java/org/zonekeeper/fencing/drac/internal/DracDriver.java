package org.zonekeeper.fencing.drac.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.fencing.redfish.RedfishClient;
import org.zonekeeper.fencing.support.PowerPoller;
import org.zonekeeper.fencing.support.Retries;

/**
 * Dell DRAC 5, iDRAC and CMC. In racadm mode (default) each request is one {@code racadm serveraction} over SSH,
 * the DRAC's host key checked against {@code ssh.host-key} or {@code ssh.known-hosts}; off and on read the power
 * status first, send powerdown or powerup only when needed and return once the status reads the asked state. In
 * redfish mode (iDRAC 7 and later) the Redfish client does the work. Options: see {@link DracOptions}.
 */
@Component(service = FencingDriver.class, property = FencingDriver.DRIVER + "=drac")
public final class DracDriver implements FencingDriver {
    private static final Logger LOG = LoggerFactory.getLogger(DracDriver.class);

    private final DracSsh ssh;
    private final Racadm racadm;

    @Activate
    public DracDriver() {
        ssh = new DracSsh();
        racadm = new Racadm(ssh);
    }

    @Deactivate
    void deactivate() {
        ssh.close();
    }

    /** Checks the options and, in racadm mode, that the host key can be checked. */
    @Override
    public void validate(FenceDevice device) throws FencingException {
        if (!DracOptions.of(device).redfish()) {
            HostKeyCheck.of(device, DracSsh.where(device));
        }
    }

    @Override
    public PowerState status(FenceDevice device, String plug) throws FencingException {
        DracOptions options = DracOptions.of(device);
        if (options.redfish()) {
            return new RedfishClient(device).status(plug);
        }
        String module = options.moduleFor(device, plug);
        return Retries.call(device, () -> racadm.status(device, module));
    }

    @Override
    public PowerState off(FenceDevice device, String plug) throws FencingException {
        DracOptions options = DracOptions.of(device);
        if (options.redfish()) {
            return new RedfishClient(device).off(plug);
        }
        return change(device, options.moduleFor(device, plug), "powerdown", PowerState.OFF);
    }

    @Override
    public PowerState on(FenceDevice device, String plug) throws FencingException {
        DracOptions options = DracOptions.of(device);
        if (options.redfish()) {
            return new RedfishClient(device).on(plug);
        }
        return change(device, options.moduleFor(device, plug), "powerup", PowerState.ON);
    }

    /**
     * Method onoff: off confirmed, then on confirmed. Methods powercycle and hardreset: that action (or powerup on
     * a server that reads OFF), sent once, since a repeated reset would reset twice; then the status must read ON.
     */
    @Override
    public PowerState reboot(FenceDevice device, String plug) throws FencingException {
        DracOptions options = DracOptions.of(device);
        if (options.redfish()) {
            return new RedfishClient(device).reboot(plug);
        }
        String module = options.moduleFor(device, plug);
        if (options.method().equals("onoff")) {
            change(device, module, "powerdown", PowerState.OFF);
            return change(device, module, "powerup", PowerState.ON);
        }
        if (Retries.call(device, () -> racadm.status(device, module)) == PowerState.OFF) {
            return change(device, module, "powerup", PowerState.ON);
        }
        racadm.power(device, module, options.method());
        LOG.info("{}: {} sent{}", DracSsh.where(device), options.method(), module.isEmpty() ? "" : " to " + module);
        return confirm(device, module, PowerState.ON);
    }

    /** Logs in and reads the power status of option module, else of the first host map plug, else the server. */
    @Override
    public void check(FenceDevice device) throws FencingException {
        DracOptions options = DracOptions.of(device);
        if (options.redfish()) {
            new RedfishClient(device).check();
            return;
        }
        String module = options.moduleForCheck(device);
        Retries.call(device, () -> racadm.status(device, module));
    }

    /**
     * Sends {@code action} unless the status already reads {@code want}, then waits for it. A refused action is
     * accepted when the status then reads {@code want} (a DRAC answers ERROR to powerdown on a server already off,
     * e.g. when power was lost between the read and the command).
     */
    private PowerState change(FenceDevice device, String module, String action, PowerState want)
            throws FencingException {
        if (Retries.call(device, () -> racadm.status(device, module)) == want) {
            LOG.info("{}: power already {}{}, {} not sent", DracSsh.where(device), want,
                    module.isEmpty() ? "" : " on " + module, action);
            return want;
        }
        Retries.call(device, () -> {
            try {
                racadm.power(device, module, action);
            } catch (FencingException e) {
                if (e.kind() != Kind.PROTOCOL || racadm.status(device, module) != want) {
                    throw e;
                }
                LOG.info("{}; power reads {}: taken as done", e.getMessage(), want);
            }
            return null;
        });
        LOG.info("{}: {} sent{}", DracSsh.where(device), action, module.isEmpty() ? "" : " to " + module);
        return confirm(device, module, want);
    }

    private PowerState confirm(FenceDevice device, String module, PowerState want) throws FencingException {
        String where = DracSsh.where(device);
        try {
            return PowerPoller.await(device, want, () -> racadm.status(device, module));
        } catch (FencingException e) {
            if (e.getMessage().startsWith(where) || e.getMessage().startsWith("host key of " + where)) {
                throw e;
            }
            throw new FencingException(e.kind(), where + (module.isEmpty() ? "" : " " + module) + ": "
                    + e.getMessage(), e);
        }
    }
}
