package org.zonekeeper.api;

/** Life cycle of a hypervisor host as the zone sees it. */
public enum HostState {
    INIT, MONITORED, ERROR, FENCING, FENCED, FENCE_FAILED
}
