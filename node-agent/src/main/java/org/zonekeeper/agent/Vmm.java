package org.zonekeeper.agent;

import java.io.IOException;
import java.util.List;

/** A VM driver of the agent: {@code process} ({@link ProcessVmm}) or {@code kvm} ({@link KvmVmm}). */
interface Vmm {

    /** A VM the agent knows: RUNNING, or STOPPED / FAILED after running; UNKNOWN if never seen. */
    record Vm(String name, String state, long pid) {
    }

    /** Starts the VM unless it runs already; returns its state. */
    Vm deploy(DeployRequest spec) throws IOException;

    /** Stops the VM; unknown or stopped VMs are fine. */
    void stop(String name) throws IOException;

    Vm status(String name) throws IOException;

    /** The running VMs, and those the agent saw end. */
    List<Vm> list() throws IOException;
}
