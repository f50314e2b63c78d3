package org.zonekeeper.raft.internal.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Validation;

/** The hosts that answered one monitoring round: host id to the time of its answer. */
public final class RecordMonitoring extends ZoneCommand {

    private Map<Long, Long> probes;

    public RecordMonitoring() {
    }

    public RecordMonitoring(Map<Long, Long> probes) {
        this.probes = new TreeMap<>(probes);
    }

    public Map<Long, Long> probes() {
        return probes;
    }

    @Override
    protected void check(Validation v) {
        v.require(probes != null, "probes: are required");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        out.writeInt(probes.size());
        probes.forEach((host, time) -> out.writeLong(host).writeLong(time));
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        int n = in.readInt();
        Map<Long, Long> read = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            read.put(in.readLong(), in.readLong());
        }
        probes = read;
    }
}
