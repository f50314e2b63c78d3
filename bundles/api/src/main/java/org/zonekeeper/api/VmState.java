package org.zonekeeper.api;

/**
 * Life cycle of a virtual machine. DELETING: {@code vm:delete} was asked for a VM that may run on its host; it is
 * removed once the host's agent confirmed it stopped, or once the host is FENCED.
 */
public enum VmState {
    PENDING, DEPLOYING, RUNNING, STOPPED, UNKNOWN, FAILED, DELETING
}
