package org.zonekeeper.api;

/**
 * A virtual machine; {@code hostId} is 0 while it is not placed (host ids start at 1). {@code placement} counts its
 * placements (0: never placed): every deploy names it, and a host's agent refuses a deploy whose placement an
 * agent has already seen superseded.
 */
public record Vm(long id, String name, VmState state, long hostId, int cpu, long memoryMb, long diskMb,
        String template, long updated, long placement) {

    /**
     * The name its host's agent and hypervisor know it by, and its disk file's: {@code vm-ID}. Ids are never
     * reused, so a VM deleted and created again under the same name is another domain on another disk.
     */
    public String deployId() {
        return "vm-" + id;
    }

    public Vm withState(VmState state, long time) {
        return new Vm(id, name, state, hostId, cpu, memoryMb, diskMb, template, time, placement);
    }

    /** On {@code host} under the next placement number. */
    public Vm placedOn(long host, VmState state, long time) {
        return new Vm(id, name, state, host, cpu, memoryMb, diskMb, template, time, placement + 1);
    }
}
