package org.zonekeeper.fencing.redfish;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what a Redfish error answer says, as one short line. */
final class RedfishErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 200;

    private RedfishErrors() {
    }

    /**
     * The messages of {@code error.@Message.ExtendedInfo} joined with "; ", else {@code error.message}, else an
     * excerpt of a body that is not a Redfish error; "" for an empty body.
     */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return excerpt(body);
        }
        JsonNode error = root.path("error");
        List<String> messages = new ArrayList<>();
        for (JsonNode info : error.path("@Message.ExtendedInfo")) {
            String text = info.path("Message").asText("");
            if (!text.isBlank()) {
                messages.add(text.strip());
            }
        }
        if (messages.isEmpty() && !error.path("message").asText("").isBlank()) {
            messages.add(error.path("message").asText().strip());
        }
        return messages.isEmpty() ? excerpt(body) : excerpt(String.join("; ", messages));
    }

    /** {@code text} on one line, cut to 200 characters. */
    static String excerpt(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }
}
