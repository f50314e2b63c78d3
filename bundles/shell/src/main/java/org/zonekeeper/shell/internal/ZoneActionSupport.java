package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.ZoneException;

/**
 * Base of the zone's commands. The model services exist only while this server's zone member runs;
 * without them a command says so instead of disappearing from the shell.
 */
public abstract class ZoneActionSupport implements Action {

    @Reference(optional = true)
    protected HostService hosts;

    @Reference(optional = true)
    protected VmService vms;

    @Option(name = "--consistent", description = "Read through the Raft leader instead of the local database")
    protected boolean consistent;

    protected ReadMode readMode() {
        return consistent ? ReadMode.CONSISTENT : ReadMode.LOCAL;
    }

    protected HostService hosts() {
        return require(hosts);
    }

    protected VmService vms() {
        return require(vms);
    }

    private static <T> T require(T service) {
        if (service == null) {
            throw new ZoneException("the zone server is not running on this server: see zone:show");
        }
        return service;
    }

    static String time(long epochMillis) {
        return epochMillis == 0 ? "-" : java.time.Instant.ofEpochMilli(epochMillis).toString();
    }
}
