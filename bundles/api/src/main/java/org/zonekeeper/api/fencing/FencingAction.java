package org.zonekeeper.api.fencing;

/** What can be asked of a fencing device. */
public enum FencingAction {
    STATUS, OFF, ON, REBOOT, CHECK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
