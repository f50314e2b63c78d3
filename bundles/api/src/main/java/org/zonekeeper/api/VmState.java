package org.zonekeeper.api;

/** Life cycle of a virtual machine. */
public enum VmState {
    PENDING, DEPLOYING, RUNNING, STOPPED, UNKNOWN, FAILED
}
