package org.zonekeeper.api;

/** A virtual machine; {@code hostId} is 0 while it is not placed (host ids start at 1). */
public record Vm(long id, String name, VmState state, long hostId, int cpu, long memoryMb, long diskMb,
        String template, long updated) {

    public Vm withState(VmState state, long time) {
        return new Vm(id, name, state, hostId, cpu, memoryMb, diskMb, template, time);
    }

    public Vm placedOn(long host, VmState state, long time) {
        return new Vm(id, name, state, host, cpu, memoryMb, diskMb, template, time);
    }
}
