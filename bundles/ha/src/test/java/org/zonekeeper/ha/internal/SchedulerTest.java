package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.fencing.FencingLevels;

public class SchedulerTest {

    private static Host host(long id, HostState state, boolean enabled, long memory) {
        return new Host(id, "kvm-" + id, state, "c", 800, memory, "kvm", "kvm", enabled, 0, FencingLevels.none(), 0,
                "kvm-" + id, 0);
    }

    private static Vm vm(long id, long host, VmState state, long memory) {
        return new Vm(id, "vm-" + id, state, host, 100, memory, 0, "", 0, 0, true, 0);
    }

    @Test
    public void theHostWithTheMostFreeMemoryWins() {
        List<Host> hosts = List.of(host(1, HostState.MONITORED, true, 8192), host(2, HostState.MONITORED, true, 8192));
        List<Vm> vms = List.of(vm(10, 1, VmState.RUNNING, 4096), vm(11, 2, VmState.RUNNING, 1024));
        assertEquals(2, Scheduler.place(vm(12, 0, VmState.PENDING, 1024), hosts, vms).orElseThrow().id());
    }

    @Test
    public void neverOnAHostInErrorFencedDisabledOrFull() {
        List<Host> hosts = List.of(host(1, HostState.ERROR, true, 65536), host(2, HostState.FENCED, true, 65536),
                host(3, HostState.MONITORED, false, 65536), host(4, HostState.FENCING, true, 65536),
                host(5, HostState.MONITORED, true, 2048), host(6, HostState.FENCE_FAILED, true, 65536));
        List<Vm> vms = List.of(vm(10, 5, VmState.DEPLOYING, 1536));
        assertTrue(Scheduler.place(vm(12, 0, VmState.PENDING, 1024), hosts, vms).isEmpty());
        assertEquals(5, Scheduler.place(vm(13, 0, VmState.PENDING, 512), hosts, vms).orElseThrow().id());
    }

    @Test
    public void stoppedVmsHoldNoCapacityAndAVmNeverGoesBackToItsOwnHost() {
        List<Host> hosts = List.of(host(1, HostState.MONITORED, true, 2048), host(2, HostState.MONITORED, true, 1024));
        List<Vm> vms = List.of(vm(10, 1, VmState.STOPPED, 2048));
        assertEquals(1, Scheduler.place(vm(11, 0, VmState.PENDING, 2048), hosts, vms).orElseThrow().id());
        assertEquals(2, Scheduler.place(vm(12, 1, VmState.UNKNOWN, 1024), hosts, vms).orElseThrow().id());
    }
}
