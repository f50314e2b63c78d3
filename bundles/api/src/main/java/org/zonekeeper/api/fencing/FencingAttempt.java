package org.zonekeeper.api.fencing;

import java.time.Duration;

/**
 * One call to one device. {@code state} is what the device confirmed, {@code failure} is null on success.
 */
public record FencingAttempt(String device, FencingAction action, String plug, Duration duration, PowerState state,
        FencingException.Kind failure, String message) {

    public boolean succeeded() {
        return failure == null;
    }
}
