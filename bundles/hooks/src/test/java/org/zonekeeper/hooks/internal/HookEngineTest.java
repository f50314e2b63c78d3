package org.zonekeeper.hooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.zonekeeper.api.Hook;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.NoLeaderException;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.testkit.zone.Await;
import org.zonekeeper.testkit.zone.MemoryServer;
import org.zonekeeper.testkit.zone.MemoryZone;

/** The hook engine on the servers of an in-memory zone: it runs on the leader only, every execution replicated. */
public class HookEngineTest {

    private static final String HOOK = "recorder";

    /** One run of the test hook: which server's hook ran, for which event. */
    private record Run(String server, long eventId, String object) {
    }

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    /** Runs of kvm-2 on zk0 hang on this until interrupted. */
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicInteger interrupted = new AtomicInteger();
    private MemoryZone zone;

    @After
    public void close() {
        if (zone != null) {
            zone.close();
        }
    }

    /** The test hook of {@code server}, subscribed to API/CreateHost; its runs for {@code hangOn} hang. */
    private Hook hook(String server, String hangOn) {
        return event -> {
            runs.add(new Run(server, event.id(), event.objectName()));
            if (event.objectName().equals(hangOn)) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
            }
        };
    }

    private static HookRegistry registry(Hook hook) {
        HookRegistry registry = new HookRegistry();
        registry.addHook(hook, reference(Map.of(Hook.NAME, HOOK, Hook.EVENTS, "API/CreateHost")));
        return registry;
    }

    /** A service reference with these properties and no bundle, as the registry reads one. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<Hook> reference(Map<String, Object> properties) {
        return (ServiceReference<Hook>) Proxy.newProxyInstance(HookEngineTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> method.getName().equals("getProperty") ? properties.get(args[0]) : null);
    }

    private static HookEngine engine(Leadership leadership, HookRegistry registry, MemoryServer server,
            HookLogService log, Map<String, Object> properties) {
        return new HookEngine(leadership, registry, log, server.events(), server.hosts(), server.vms(),
                HookEngine.check(properties), properties);
    }

    /** The hook engine runs on every server while it leads, as Declarative Services runs it. */
    private void engines(String hangOnZk0, Map<String, Object> properties) {
        for (MemoryServer server : zone.servers()) {
            HookRegistry registry = registry(hook(server.name(), server.name().equals("zk0") ? hangOnZk0 : ""));
            server.whileLeading(l -> engine(l, registry, server, server.hookLog(), properties),
                    HookEngine::deactivate);
        }
    }

    private static HostSpec host(String name) {
        return new HostSpec(name, "default", 8, 16384, "kvm", "kvm");
    }

    /**
     * The id of the API/CreateHost event of {@code host}, read on {@code leader}, whose apply answered the create:
     * another server's local read may not have applied it yet.
     */
    private long created(MemoryServer leader, String host) {
        return leader.events().after(0, 100).stream()
                .filter(e -> e.name().equals("API/CreateHost") && e.objectName().equals(host))
                .mapToLong(ZoneEvent::id).findFirst().orElseThrow();
    }

    private List<HookExecution> executions(MemoryServer server, long eventId) {
        return server.hookLog().list(100).stream().filter(e -> e.eventId() == eventId)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    private List<Run> runsOf(long eventId) {
        return runs.stream().filter(r -> r.eventId() == eventId).toList();
    }

    @Test
    public void anEventRunsItsHookOnceOnTheLeaderAndTheExecutionIsRecordedEverywhere() {
        zone = MemoryZone.start(3);
        engines("", Map.of("poll.ms", "50"));
        zone.server(2).hosts().create(host("kvm-1")); // through a follower: the event is in the replicated log
        long event = created(zone.server(0), "kvm-1");
        MemoryServer leader = zone.server(0);
        Await.until("the execution recorded SUCCEEDED", () -> executions(leader, event).stream()
                .anyMatch(e -> e.state() == HookExecution.State.SUCCEEDED));
        Await.until("the leader's cursor past the event", () -> leader.hookLog().cursor(HookEngine.CURSOR) >= event);
        assertEquals("once, by the leader's engine", List.of(new Run("zk0", event, "kvm-1")), runsOf(event));
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            List<HookExecution> recorded = executions(server, event);
            assertEquals(server.name(), 1, recorded.size());
            assertEquals(HOOK, recorded.get(0).hook());
            assertEquals(HookExecution.State.SUCCEEDED, recorded.get(0).state());
            assertEquals(1, recorded.get(0).attempt());
        }
    }

    @Test
    public void anEngineOnAServerThatDoesNotLeadRunsNothing() throws Exception {
        zone = MemoryZone.start(3);
        zone.server(0).hosts().create(host("kvm-1"));
        long event = created(zone.server(0), "kvm-1");
        MemoryServer follower = zone.server(1);
        // the follower's writes, each one refused before it reaches the log: it has claimed no term
        AtomicInteger refused = new AtomicInteger();
        HookLogService log = (HookLogService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HookLogService.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(follower.hookLog(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        if (e.getCause() instanceof NoLeaderException) {
                            refused.incrementAndGet();
                        }
                        throw e.getCause();
                    }
                });
        Leadership leaders = zone.server(0).leadership().orElseThrow();
        HookEngine engine = engine(leaders, registry(hook("zk1", "")), follower, log, Map.of("poll.ms", "50"));
        try {
            Await.until("the follower's engine tried to take over twice", () -> refused.get() >= 2);
        } finally {
            engine.deactivate();
        }
        assertEquals(List.of(), runs);
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), List.of(), executions(server, event));
            assertEquals(server.name(), 0, server.hookLog().cursor(HookEngine.CURSOR));
        }
    }

    @Test
    public void aNewLeaderRunsAgainOnlyWhatTheFailoverInterrupted() {
        zone = MemoryZone.start(3);
        engines("kvm-2", Map.of("poll.ms", "50"));
        MemoryServer zk0 = zone.server(0);
        zk0.hosts().create(host("kvm-1"));
        long first = created(zk0, "kvm-1");
        Await.until("kvm-1's execution SUCCEEDED", () -> executions(zk0, first).stream()
                .anyMatch(e -> e.state() == HookExecution.State.SUCCEEDED));
        zk0.hosts().create(host("kvm-2"));
        long second = created(zk0, "kvm-2");
        Await.until("kvm-2's execution RUNNING on zk0", () -> runsOf(second).size() == 1
                && executions(zk0, second).size() == 1);

        zone.elect(1);
        MemoryServer zk1 = zone.server(1);
        Await.until("zk0's hung run interrupted as its engine stopped", () -> interrupted.get() == 1);
        Await.until("kvm-2's hook run again by zk1 and SUCCEEDED", () -> executions(zk1, second).stream()
                .anyMatch(e -> e.state() == HookExecution.State.SUCCEEDED));
        zk1.hosts().create(host("kvm-3"));
        long third = created(zk1, "kvm-3");
        Await.until("kvm-3's execution SUCCEEDED", () -> executions(zk1, third).stream()
                .anyMatch(e -> e.state() == HookExecution.State.SUCCEEDED));
        Await.until("zk1's cursor past kvm-3's event", () -> zk1.hookLog().cursor(HookEngine.CURSOR) >= third);

        assertEquals("kvm-1 recorded done by zk0: not run again", List.of(new Run("zk0", first, "kvm-1")),
                runsOf(first));
        assertEquals(List.of(new Run("zk0", second, "kvm-2"), new Run("zk1", second, "kvm-2")), runsOf(second));
        assertEquals(List.of(new Run("zk1", third, "kvm-3")), runsOf(third));
        List<HookExecution> interruptedRun = executions(zk1, second);
        assertEquals(2, interruptedRun.size());
        assertEquals(HookExecution.State.RETRIED, interruptedRun.get(0).state());
        assertEquals(HookExecution.State.SUCCEEDED, interruptedRun.get(1).state());
        assertEquals(2, interruptedRun.get(1).attempt());
        assertEquals(interruptedRun.get(0).id(), interruptedRun.get(1).retryOf());
        assertEquals(1, executions(zk1, first).size());
        assertEquals(1, executions(zk1, third).size());
    }

    @Test
    public void aHookThatHangsIsStoppedAtItsTimeoutAndRecordedFailed() {
        zone = MemoryZone.start(3);
        engines("kvm-1", Map.of("poll.ms", "50", "bundle.timeout.ms", "300"));
        MemoryServer leader = zone.server(0);
        leader.hosts().create(host("kvm-1"));
        long event = created(leader, "kvm-1");
        Await.until("the hung run recorded FAILED", () -> executions(leader, event).stream()
                .anyMatch(e -> e.state() == HookExecution.State.FAILED));
        HookExecution failed = executions(leader, event).get(0);
        assertTrue(failed.reason(), failed.reason().contains("no answer within 300 ms (bundle.timeout.ms)"));
        Await.until("the hung hook's thread interrupted", () -> interrupted.get() == 1);
        assertEquals(List.of(new Run("zk0", event, "kvm-1")), runsOf(event));
        List<HookExecution> all = new ArrayList<>(executions(leader, event));
        assertEquals("a bundle hook is not retried", 1, all.size());
    }
}
