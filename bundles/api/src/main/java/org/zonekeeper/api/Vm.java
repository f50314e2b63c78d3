package org.zonekeeper.api;

/** A virtual machine; {@code hostId} is 0 while it is not placed. */
public record Vm(long id, String name, VmState state, long hostId, int cpu, long memoryMb, long diskMb,
        String template, long updated) {
}
