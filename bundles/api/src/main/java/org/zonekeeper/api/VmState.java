package org.zonekeeper.api;

/**
 * Life cycle of a virtual machine. DELETING: {@code vm:delete} was asked for a VM that may run on its host; it is
 * removed once the host's agent confirmed it stopped, or once the host is FENCED. STOPPING: {@code vm:stop} was
 * asked for one; it is STOPPED on the same conditions. New states are appended (the log stores sets by position).
 */
public enum VmState {
    PENDING, DEPLOYING, RUNNING, STOPPED, UNKNOWN, FAILED, DELETING, STOPPING
}
