package org.zonekeeper.shell.internal;

import org.zonekeeper.api.Vm;

/** The one line the VM life-cycle commands print. */
final class VmLifecycle {

    private VmLifecycle() {
    }

    static String describe(Vm vm) {
        return switch (vm.state()) {
            case STOPPING -> "VM " + vm.name() + " is STOPPING: STOPPED once its host's agent confirmed the stop (or "
                    + "once the host is FENCED)";
            case PENDING -> "VM " + vm.name() + " is PENDING: the scheduler places it";
            case DEPLOYING -> "VM " + vm.name() + " is DEPLOYING on host " + vm.hostId() + " (placement "
                    + vm.placement() + ")";
            default -> "VM " + vm.name() + " is " + vm.state();
        };
    }
}
