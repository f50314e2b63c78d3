package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneService;

/** Base of the {@code zone:} commands. */
public abstract class ZoneAdminSupport implements Action {

    @Reference(optional = true)
    protected ZoneService zone;

    protected ZoneService zone() {
        if (zone == null) {
            throw new ZoneException("no zone configured: create etc/org.zonekeeper.zone.cfg");
        }
        return zone;
    }
}
