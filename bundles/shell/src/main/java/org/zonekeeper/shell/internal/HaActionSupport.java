package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.zonekeeper.api.HostRecovery;
import org.zonekeeper.api.ZoneException;

/** Base of the host-error steps a script runs in mode = hook: present on the leader only. */
public abstract class HaActionSupport extends ZoneActionSupport {

    @Reference(optional = true)
    protected HostRecovery recovery;

    protected HostRecovery recovery() {
        if (recovery == null) {
            throw new ZoneException("the host-error workflow runs on the leader only and this server is not leading "
                    + "(see zone:show)");
        }
        return recovery;
    }
}
