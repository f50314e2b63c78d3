package org.zonekeeper.api;

/**
 * A virtual machine; {@code hostId} is 0 while it is not placed (host ids start at 1). {@code placement} counts its
 * placements (0: never placed): every deploy names it, and a host's agent refuses a deploy whose placement an
 * agent has already seen superseded. {@code ha}: whether the leader starts it elsewhere when its host is fenced (off:
 * it is left STOPPED there); {@code priority}: VMs of a fenced host are started elsewhere highest first.
 */
public record Vm(long id, String name, VmState state, long hostId, int cpu, long memoryMb, long diskMb,
        String template, long updated, long placement, boolean ha, int priority) {

    /**
     * The name its host's agent and hypervisor know it by, and its disk file's: {@code vm-ID}. Ids are never
     * reused, so a VM deleted and created again under the same name is another domain on another disk.
     */
    public String deployId() {
        return "vm-" + id;
    }

    public Vm withHa(boolean ha, int priority, long time) {
        return new Vm(id, name, state, hostId, cpu, memoryMb, diskMb, template, time, placement, ha, priority);
    }

    public Vm withState(VmState state, long time) {
        return new Vm(id, name, state, hostId, cpu, memoryMb, diskMb, template, time, placement, ha, priority);
    }

    /** On {@code host} under placement number {@code placement}. */
    public Vm placedOn(long host, VmState state, long time, long placement) {
        return new Vm(id, name, state, host, cpu, memoryMb, diskMb, template, time, placement, ha, priority);
    }
}
