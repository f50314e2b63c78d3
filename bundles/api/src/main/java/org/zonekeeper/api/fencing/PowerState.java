package org.zonekeeper.api.fencing;

/** A power state read back from a BMC. UNKNOWN is never taken for OFF. */
public enum PowerState {
    ON, OFF, UNKNOWN
}
