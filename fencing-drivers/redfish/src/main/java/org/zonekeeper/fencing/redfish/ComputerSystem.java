package org.zonekeeper.fencing.redfish;

import java.util.ArrayList;
import java.util.List;

import org.zonekeeper.api.fencing.PowerState;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What fencing needs of a Redfish ComputerSystem: its PowerState, its Reset action's target (null when it has
 * none) and the ResetType values it lists (empty when it does not say).
 */
record ComputerSystem(String path, String powerState, String resetTarget, List<String> resetTypes) {
    static final String RESET_ACTION = "#ComputerSystem.Reset";

    static ComputerSystem of(String path, JsonNode json) {
        JsonNode power = json.path("PowerState");
        JsonNode reset = json.path("Actions").path(RESET_ACTION);
        JsonNode target = reset.path("target");
        List<String> types = new ArrayList<>();
        reset.path("ResetType@Redfish.AllowableValues").forEach(t -> types.add(t.asText()));
        return new ComputerSystem(path, power.isTextual() ? power.asText() : null,
                target.isTextual() ? target.asText() : null, List.copyOf(types));
    }

    PowerState power() {
        return RedfishClient.powerState(powerState);
    }

    /** Whether the system accepts {@code type}; a system that lists no values is assumed to. */
    boolean allows(String type) {
        return resetTypes.isEmpty() || resetTypes.contains(type);
    }
}
