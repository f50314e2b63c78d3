package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;

public class RedeployTest {

    private static Vm vm(long id, int priority) {
        return new Vm(id, "vm-" + id, VmState.UNKNOWN, 1, 100, 512, 0, "", 0, 1, true, priority);
    }

    @Test
    public void theVmsOfAFencedHostStartElsewhereHighestPriorityFirstThenById() {
        List<Vm> stranded = List.of(vm(4, 0), vm(2, 0), vm(9, 100), vm(7, -5), vm(3, 100));
        assertEquals(List.of(3L, 9L, 2L, 4L, 7L),
                stranded.stream().sorted(Redeploy.RESTART_ORDER).map(Vm::id).toList());
    }
}
