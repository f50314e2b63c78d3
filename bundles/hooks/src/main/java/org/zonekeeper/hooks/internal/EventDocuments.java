package org.zonekeeper.hooks.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON document a script hook gets as $TEMPLATE or on stdin: {@code {"event": {...}, "object": {...}}}, the
 * object as this server's database holds it now (null once deleted).
 */
final class EventDocuments {
    private final ObjectMapper json = new ObjectMapper();
    private final HostService hosts;
    private final VmService vms;

    EventDocuments(HostService hosts, VmService vms) {
        this.hosts = hosts;
        this.vms = vms;
    }

    String of(ZoneEvent event) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("event", event);
        document.put("object", object(event));
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
    }

    private Object object(ZoneEvent event) {
        String ref = Long.toString(event.objectId());
        try {
            return switch (event.objectType()) {
                case "HOST" -> hosts.get(ref, ReadMode.LOCAL);
                case "VM" -> vms.get(ref, ReadMode.LOCAL);
                default -> null;
            };
        } catch (ZoneException gone) {
            return null;
        }
    }
}
