package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.HookService;
import org.zonekeeper.api.ZoneException;

/** Base of the hook commands: the hooks of this server and the replicated execution log. */
public abstract class HookActionSupport implements Action {

    @Reference(optional = true)
    protected HookService hooks;

    @Reference(optional = true)
    protected HookLogService log;

    protected HookService hooks() {
        if (hooks == null) {
            throw new ZoneException("the hook framework is not running on this server (feature zonekeeper-hooks)");
        }
        return hooks;
    }

    protected HookLogService log() {
        if (log == null) {
            throw new ZoneException("the zone server is not running on this server: see zone:show");
        }
        return log;
    }
}
