package org.zonekeeper.api;

/**
 * Life cycle of a hypervisor host as the zone sees it. MAINTENANCE ({@code host:maintenance HOST on}): an operator
 * works on it; it is not probed, never fenced and takes no new VM; {@code off} sends it back to INIT.
 */
public enum HostState {
    INIT, MONITORED, ERROR, FENCING, FENCED, FENCE_FAILED, MAINTENANCE
}
