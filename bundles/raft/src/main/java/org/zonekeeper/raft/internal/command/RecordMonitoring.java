package org.zonekeeper.raft.internal.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.Serializer;

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
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeInt(probes.size());
        probes.forEach((host, time) -> out.writeLong(host).writeLong(time));
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        int n = in.readInt();
        Map<Long, Long> read = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            read.put(in.readLong(), in.readLong());
        }
        probes = read;
    }
}
