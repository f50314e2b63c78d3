package org.zonekeeper.fencing.support;

import java.time.Duration;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;

/** Confirms a power change: reads the state until it is the one asked for, within the device's power timeout. */
public final class PowerPoller {
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private PowerPoller() {
    }

    /** Reads a power state once. */
    @FunctionalInterface
    public interface StatusReader {
        PowerState read() throws FencingException;
    }

    /**
     * Waits {@link FenceDevice#powerWait()}, then reads the state every 250 ms until it is {@code want}. Read errors
     * are retried until the power timeout; then the call fails with TIMEOUT, naming the last state or error seen.
     */
    public static PowerState await(FenceDevice device, PowerState want, StatusReader reader) throws FencingException {
        sleep(device.powerWait());
        long deadline = System.nanoTime() + device.powerTimeout().toNanos();
        String last;
        while (true) {
            try {
                PowerState state = reader.read();
                if (state == want) {
                    return state;
                }
                last = "power state still " + state;
            } catch (FencingException e) {
                if (e.kind() == Kind.AUTH || e.kind() == Kind.CONFIG || e.kind() == Kind.UNSUPPORTED) {
                    throw e;
                }
                last = "last status read failed: " + e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                throw new FencingException(Kind.TIMEOUT, "power state did not read " + want + " within "
                        + device.powerTimeout().toMillis() + " ms (" + last + ")");
            }
            sleep(POLL_INTERVAL);
        }
    }

    static void sleep(Duration d) throws FencingException {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FencingException(Kind.TIMEOUT, "interrupted (deadline reached)", e);
        }
    }
}
