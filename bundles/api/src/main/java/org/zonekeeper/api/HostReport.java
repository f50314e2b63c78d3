package org.zonekeeper.api;

import java.util.Map;

/** What one monitoring probe of a host found: its load and the state of each VM it runs, by VM name. */
public record HostReport(long time, int cpuCores, double load, long memoryTotalMb, long memoryFreeMb,
        Map<String, VmState> vms) {

    public HostReport {
        vms = Map.copyOf(vms);
    }
}
