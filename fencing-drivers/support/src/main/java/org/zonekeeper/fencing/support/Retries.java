package org.zonekeeper.fencing.support;

import java.time.Duration;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/** Repeats a BMC request that failed on the way ({@link FenceDevice#retries()} more times, 1 s apart). */
public final class Retries {
    static final Duration PAUSE = Duration.ofSeconds(1);

    private Retries() {
    }

    /** One request to the BMC. */
    @FunctionalInterface
    public interface Request<T> {
        T send() throws FencingException;
    }

    /**
     * Sends the request; retries UNREACHABLE, PROTOCOL and TIMEOUT failures. AUTH, CONFIG and UNSUPPORTED fail at
     * once: repeating a wrong password only locks the account.
     */
    public static <T> T call(FenceDevice device, Request<T> request) throws FencingException {
        for (int attempt = 0;; attempt++) {
            try {
                return request.send();
            } catch (FencingException e) {
                boolean transientFailure = e.kind() == Kind.UNREACHABLE || e.kind() == Kind.PROTOCOL
                        || e.kind() == Kind.TIMEOUT;
                if (!transientFailure || attempt >= device.retries() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                PowerPoller.sleep(PAUSE);
            }
        }
    }
}
