package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import org.zonekeeper.api.ZoneService;

/** Completes the ids of the zone's servers. */
@Service
public class ServerCompleter extends NameCompleter {

    @Reference(optional = true)
    ZoneService zone;

    @Override
    protected List<String> names() {
        return zone == null ? List.of() : zone.servers().stream().map(s -> Integer.toString(s.id())).toList();
    }
}
