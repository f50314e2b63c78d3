package org.zonekeeper.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.zonekeeper.api.Validation;

/** The hosts that answered a monitoring round: host id to probe time. */
public record RecordMonitoring(String requestId, Map<Long, Long> probes) implements ZoneCommand {

    public RecordMonitoring(Map<Long, Long> probes) {
        this(ZoneCommand.newRequestId(), new TreeMap<>(probes));
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.require(probes != null, "probes: are required");
    }

    @Override
    public void write(Writer out) {
        out.i32(probes.size());
        probes.forEach((host, time) -> out.i64(host).i64(time));
    }

    static RecordMonitoring read(Reader in, String requestId) {
        Map<Long, Long> read = new LinkedHashMap<>();
        for (int n = in.i32(); n > 0; n--) {
            read.put(in.i64(), in.i64());
        }
        return new RecordMonitoring(requestId, read);
    }
}
