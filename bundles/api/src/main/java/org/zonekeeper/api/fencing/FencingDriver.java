package org.zonekeeper.api.fencing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Drives one family of fencing devices. Implementations are OSGi services with the {@link #DRIVER} property; a
 * device configuration names the driver it uses.
 *
 * <p>Contract: {@link #off} and {@link #on} return only after the BMC reports the asked state (polled within
 * {@link FenceDevice#powerTimeout()}), otherwise they throw; a BMC that cannot be reached is
 * {@link FencingException.Kind#UNREACHABLE}, never OFF. Every call honours the device's timeouts and thread
 * interruption, never passes a secret on a process command line, and never logs one.
 */
@ConsumerType
public interface FencingDriver {

    /** Service property: the name device configurations use in their {@code driver} key. */
    String DRIVER = "fencing.driver";

    /**
     * Checks a device's driver options ({@link FenceDevice#options()}) without contacting the BMC; throws CONFIG
     * with a one-line message naming the first bad option (unknown key, bad value).
     */
    void validate(FenceDevice device) throws FencingException;

    /** Reads the power state of {@code plug} ("" for a device that serves one host). */
    PowerState status(FenceDevice device, String plug) throws FencingException;

    /** Powers off and confirms: returns {@link PowerState#OFF} once read back, otherwise throws. */
    PowerState off(FenceDevice device, String plug) throws FencingException;

    /** Powers on and confirms: returns {@link PowerState#ON} once read back, otherwise throws. */
    PowerState on(FenceDevice device, String plug) throws FencingException;

    /** Power-cycles (the driver's method: off-then-on or a BMC reset) and returns the state read afterwards. */
    PowerState reboot(FenceDevice device, String plug) throws FencingException;

    /** Logs in and reads something harmless: proves address, credentials and peer identity without touching power. */
    void check(FenceDevice device) throws FencingException;
}
