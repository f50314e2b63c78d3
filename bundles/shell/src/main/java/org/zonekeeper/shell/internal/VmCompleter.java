package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;

/** Completes VM names from the local database. */
@Service
public class VmCompleter extends NameCompleter {

    @Reference(optional = true)
    VmService vms;

    @Override
    protected List<String> names() {
        return vms == null ? List.of() : vms.list(ReadMode.LOCAL).stream().map(Vm::name).toList();
    }
}
