package org.zonekeeper.api.fencing;

import java.util.List;

/**
 * The outcome of fencing one host through its levels. {@code state} is the confirmed state the successful level
 * reached (UNKNOWN when none succeeded); {@code attempts} lists every device call in order.
 */
public record FencingResult(String host, FencingAction action, boolean success, PowerState state,
        List<FencingAttempt> attempts) {

    public FencingResult {
        attempts = List.copyOf(attempts);
    }

    /** One line for logs and operators: the last failure of each device that failed. */
    public String summary() {
        if (success) {
            return host + ": " + action.label() + " confirmed " + state;
        }
        if (attempts.isEmpty()) {
            return host + ": " + action.label() + " failed: no fencing device for this host";
        }
        StringBuilder why = new StringBuilder(host + ": " + action.label() + " failed:");
        for (FencingAttempt a : attempts) {
            if (!a.succeeded()) {
                why.append(' ').append(a.device()).append(" (").append(a.failure().name().toLowerCase(java.util.Locale.ROOT))
                        .append(": ").append(a.message()).append(");");
            }
        }
        return why.substring(0, why.length() - 1);
    }
}
