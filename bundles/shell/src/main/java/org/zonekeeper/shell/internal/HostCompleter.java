package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.ReadMode;

/** Completes host names from the local database. */
@Service
public class HostCompleter extends NameCompleter {

    @Reference(optional = true)
    HostService hosts;

    @Override
    protected List<String> names() {
        return hosts == null ? List.of() : hosts.list(ReadMode.LOCAL).stream().map(Host::name).toList();
    }
}
