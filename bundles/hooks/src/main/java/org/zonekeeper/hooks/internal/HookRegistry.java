package org.zonekeeper.hooks.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.zonekeeper.api.Hook;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.HookInfo;
import org.zonekeeper.api.HookService;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;

/**
 * Every hook this server knows: script hooks as their configurations arrive (or the one-line reason one was
 * refused) and bundle hooks as their services come and go. On every server; only the leader's engine runs them.
 */
@Component(service = {HookService.class, HookRegistry.class})
public final class HookRegistry implements HookService {

    /** A script hook configuration as received: the hook, or why it was refused. */
    record Configured(String name, ScriptHook hook, String problem) {
    }

    private final Map<String, Configured> scripts = new ConcurrentHashMap<>();
    private final Map<Hook, BundleHook> bundles = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HookEngine engine;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHook(Hook hook, ServiceReference<Hook> reference) {
        bundles.put(hook, BundleHook.of(hook, reference.getProperty(Hook.NAME), reference.getProperty(Hook.EVENTS),
                reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName()));
    }

    void removeHook(Hook hook) {
        bundles.remove(hook);
    }

    void configured(String pid, Configured entry) {
        scripts.put(pid, entry);
    }

    void removed(String pid) {
        scripts.remove(pid);
    }

    private List<RunnableHook> ready() {
        List<RunnableHook> all = new ArrayList<>(bundles.values());
        scripts.values().stream().filter(c -> c.hook() != null).forEach(c -> all.add(c.hook()));
        return all;
    }

    /** The hooks that subscribe to this event. */
    List<RunnableHook> subscribers(ZoneEvent event) {
        return ready().stream().filter(h -> h.subscribes(event)).toList();
    }

    Optional<RunnableHook> find(String name) {
        return ready().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    @Override
    public List<HookInfo> hooks() {
        List<HookInfo> all = new ArrayList<>(ready().stream().map(RunnableHook::info).toList());
        scripts.values().stream().filter(c -> c.hook() == null)
                .forEach(c -> all.add(new HookInfo(c.name(), HookInfo.Kind.SCRIPT, List.of(), "", c.problem())));
        all.sort(Comparator.comparing(HookInfo::name));
        return all;
    }

    @Override
    public HookExecution retry(long executionId) {
        HookEngine running = engine;
        if (running == null) {
            throw new ZoneException("hooks run on the leader only and this server is not leading: run hook:retry "
                    + "on the leader (see zone:show)");
        }
        return running.retry(executionId);
    }
}
