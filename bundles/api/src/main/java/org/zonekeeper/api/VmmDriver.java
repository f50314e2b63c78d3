package org.zonekeeper.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Starts and stops VMs on a host, through its node agent. Calls block for at most the driver's timeout. */
@ConsumerType
public interface VmmDriver {

    /** Starts the VM on the host (idempotent); returns the state the host reports afterwards. */
    VmState deploy(Host host, Vm vm);

    /** Stops the VM on the host (idempotent). */
    void stop(Host host, Vm vm);

    /** The VM's state as the host reports it. */
    VmState status(Host host, Vm vm);
}
