package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.fencing.DeviceInfo;
import org.zonekeeper.api.fencing.FencingService;

/** Completes the names of this server's fencing devices. */
@Service
public class DeviceCompleter extends NameCompleter {

    @Reference(optional = true)
    FencingService fencing;

    @Override
    protected List<String> names() {
        return fencing == null ? List.of() : fencing.devices().stream().map(DeviceInfo::name).toList();
    }
}
