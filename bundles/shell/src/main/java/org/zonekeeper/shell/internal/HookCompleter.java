package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.HookInfo;
import org.zonekeeper.api.HookService;

/** Completes the names of the hooks this server knows. */
@Service
public class HookCompleter extends NameCompleter {

    @Reference(optional = true)
    HookService hooks;

    @Override
    protected List<String> names() {
        return hooks == null ? List.of() : hooks.hooks().stream().map(HookInfo::name).toList();
    }
}
