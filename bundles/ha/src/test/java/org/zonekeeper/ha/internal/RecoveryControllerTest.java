package org.zonekeeper.ha.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.HostSpec;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.ReadMode;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmService;
import org.zonekeeper.api.VmSpec;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.VmmDriver;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.fencing.FencingAction;
import org.zonekeeper.api.fencing.FencingAttempt;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.testkit.zone.Await;
import org.zonekeeper.testkit.zone.MemoryServer;
import org.zonekeeper.testkit.zone.MemoryZone;

/**
 * The host-error workflow on the servers of an in-memory zone, BMCs and node agents replaced by fakes the test
 * answers: every step it takes goes through the replicated log under the leader's claimed term.
 */
public class RecoveryControllerTest {

    /** wait.cycles 1 of a 200 ms monitoring interval: a host in ERROR is fenced 200 ms after it is recorded. */
    private static final Map<String, Object> CONFIG = Map.of("wait.cycles", "1", "fence.retry.ms", "60000",
            "fence.retry.max.ms", "60000");

    /** wait.cycles 25: 5 s in ERROR before fencing, unless the BMC reports the host off. */
    private static final Map<String, Object> PATIENT = Map.of("wait.cycles", "25", "fence.retry.ms", "60000",
            "fence.retry.max.ms", "60000");
    private Map<String, Object> config = CONFIG;

    private final List<String> powerOffs = new CopyOnWriteArrayList<>();
    /** Hosts whose power is off (powered off through their BMC, or lost). */
    private final Set<String> poweredOff = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger statusAsked = new AtomicInteger();
    /** Deploys the agents were asked for, as "VM@HOST". */
    private final List<String> deploys = new CopyOnWriteArrayList<>();
    private volatile boolean bmcAnswers = true;
    private MemoryZone zone;

    @After
    public void close() {
        if (zone != null) {
            zone.close();
        }
    }

    /** A BMC that powers off and reports the power state, or (bmcAnswers false) does not answer. */
    private final FencingService fencing = (FencingService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {FencingService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "off" -> {
                    powerOffs.add((String) args[0]);
                    if (bmcAnswers) {
                        poweredOff.add((String) args[0]);
                    }
                    yield power((String) args[0], FencingAction.OFF);
                }
                case "status" -> {
                    statusAsked.incrementAndGet();
                    yield power((String) args[0], FencingAction.STATUS);
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private FencingResult power(String host, FencingAction action) {
        if (bmcAnswers) {
            PowerState power = poweredOff.contains(host) ? PowerState.OFF : PowerState.ON;
            return new FencingResult(host, action, true, power, List.of(new FencingAttempt("bmc-" + host,
                    action, host, Duration.ofMillis(5), power, null, "")));
        }
        return new FencingResult(host, action, false, PowerState.UNKNOWN, List.of(new FencingAttempt("bmc-" + host,
                action, host, Duration.ofMillis(5), PowerState.UNKNOWN, FencingException.Kind.UNREACHABLE,
                "no route to host")));
    }

    /** Node agents that start every VM they are asked to. */
    private final VmmDriver vmm = new VmmDriver() {
        @Override
        public VmState deploy(Host host, Vm vm) {
            deploys.add(vm.name() + "@" + host.name());
            return VmState.RUNNING;
        }

        @Override
        public void stop(Host host, Vm vm) {
        }

        @Override
        public VmState status(Host host, Vm vm) {
            return VmState.RUNNING;
        }
    };

    /** The monitor's configuration as Config Admin holds it: interval.ms 200, which wait.cycles counts. */
    private static final ConfigurationAdmin CONFIGURATIONS = (ConfigurationAdmin) Proxy.newProxyInstance(
            RecoveryControllerTest.class.getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
            (p, m, a) -> m.getName().equals("getConfiguration") ? Proxy.newProxyInstance(
                    RecoveryControllerTest.class.getClassLoader(), new Class<?>[] {Configuration.class},
                    (c, cm, ca) -> cm.getName().equals("getProperties")
                            ? new Hashtable<>(Map.of("interval.ms", "200")) : null) : null);

    /**
     * The workflow as Declarative Services makes it: each constructor parameter by its type, an optional reference
     * nobody provides here left null (the parameters are looked up by type so that this test follows the
     * constructor as it gains optional references).
     */
    private RecoveryController controller(Leadership leadership, MemoryServer server, HostService hosts,
            RecoveryService recoveries) {
        Map<Class<?>, Object> services = new HashMap<>(Map.of(Leadership.class, leadership, HostService.class,
                hosts, VmService.class, server.vms(), RecoveryService.class, recoveries,
                FencingService.class, fencing, VmmDriver.class, vmm, ConfigurationAdmin.class, CONFIGURATIONS,
                RecoveryController.Config.class, RecoveryController.check(config), Map.class, config));
        Constructor<?> constructor = RecoveryController.class.getConstructors()[0];
        Object[] args = java.util.Arrays.stream(constructor.getParameterTypes()).map(services::get).toArray();
        try {
            return (RecoveryController) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the workflow did not start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Three MONITORED hosts, the workflow on whichever server leads, VM web (ha on) RUNNING on kvm-1;
     * {@code listings} counts the workflow's host listings (each of its ticks lists them).
     */
    private void startZone(AtomicInteger listings) {
        zone = MemoryZone.start(3);
        MemoryServer zk0 = zone.server(0);
        for (String name : List.of("kvm-1", "kvm-2", "kvm-3")) {
            zk0.hosts().create(new HostSpec(name, "default", 8, 16384, "kvm", "kvm"));
            zk0.hosts().setState(name, Set.of(HostState.INIT), HostState.MONITORED);
        }
        for (MemoryServer server : zone.servers()) {
            HostService hosts = counted(HostService.class, server.hosts(), "list", listings);
            server.whileLeading(l -> controller(l, server, hosts, server.recoveries()),
                    RecoveryController::deactivate);
        }
        zk0.vms().create(new VmSpec("web", 1, 512, 1024, "debian", "kvm-1"));
        zk0.vms().setHa("web", true, 0);
        Await.until("web RUNNING on kvm-1", () -> vm("web").state() == VmState.RUNNING);
        assertEquals(List.of("web@kvm-1"), deploys);
    }

    private Vm vm(String name) {
        return zone.server(0).vms().get(name, ReadMode.LOCAL);
    }

    private HostState state(String host) {
        return zone.server(0).hosts().get(host, ReadMode.LOCAL).state();
    }

    private long hostId(String host) {
        return zone.server(0).hosts().get(host, ReadMode.LOCAL).id();
    }

    /** The time of the first event {@code name} of {@code host}. */
    private long eventTime(String name, String host) {
        return zone.server(0).events().after(0, 1000).stream()
                .filter(e -> e.name().equals(name) && e.objectName().equals(host)).mapToLong(ZoneEvent::time)
                .findFirst().orElseThrow(() -> new AssertionError("no event " + name + " of " + host));
    }

    /** The id of the first event {@code name} of {@code object}. */
    private long eventId(String name, String object) {
        return eventIds(name, object).get(0);
    }

    private List<Long> eventIds(String name, String object) {
        return zone.server(0).events().after(0, 1000).stream()
                .filter(e -> e.name().equals(name) && e.objectName().equals(object)).map(ZoneEvent::id).toList();
    }

    private List<Recovery> recoveries(String host) {
        return zone.server(0).recoveries().list().stream().filter(r -> r.hostName().equals(host)).toList();
    }

    @Test
    public void aHostInErrorIsWaitedOnThenFencedAndItsVmsRedeployedOnAHealthyHost() {
        startZone(new AtomicInteger());
        zone.server(0).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR); // as the monitor
        Await.until("kvm-1 FENCED", () -> state("kvm-1") == HostState.FENCED);
        Await.until("web RUNNING on another host", () -> vm("web").state() == VmState.RUNNING
                && vm("web").hostId() != hostId("kvm-1"));
        Await.until("kvm-1's recovery ended", () -> recoveries("kvm-1").isEmpty());

        assertTrue("waited wait.cycles (200 ms) in ERROR before fencing",
                eventTime("HOST/FENCING", "kvm-1") - eventTime("HOST/ERROR", "kvm-1") >= 200);
        assertEquals("powered off once", List.of("kvm-1"), powerOffs);
        String target = zone.server(0).hosts().list(ReadMode.LOCAL).stream()
                .filter(h -> h.id() == vm("web").hostId()).findFirst().orElseThrow().name();
        assertNotEquals("kvm-1", target);
        assertEquals("started once elsewhere", List.of("web@kvm-1", "web@" + target), deploys);
        long error = eventId("HOST/ERROR", "kvm-1");
        long fenced = eventId("HOST/FENCED", "kvm-1");
        assertTrue("nothing of web moved between kvm-1's ERROR and its confirmed power-off", eventIds("VM/DEPLOYING",
                "web").stream().filter(id -> id > error).allMatch(id -> id > fenced));
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), HostState.FENCED, server.hosts().get("kvm-1", ReadMode.LOCAL).state());
            assertEquals(server.name(), target, server.hosts().list(ReadMode.LOCAL).stream()
                    .filter(h -> h.id() == server.vms().get("web", ReadMode.LOCAL).hostId()).findFirst()
                    .orElseThrow().name());
        }
    }

    @Test
    public void aHostWhoseBmcReportsItsPowerOffIsFencedWithoutWaiting() {
        config = PATIENT;
        startZone(new AtomicInteger());
        poweredOff.add("kvm-1"); // power lost, its BMC still answering
        zone.server(0).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR);
        Await.until("kvm-1 FENCED", () -> state("kvm-1") == HostState.FENCED);
        Await.until("web RUNNING on another host", () -> vm("web").state() == VmState.RUNNING
                && vm("web").hostId() != hostId("kvm-1"));
        long waited = eventTime("HOST/FENCING", "kvm-1") - eventTime("HOST/ERROR", "kvm-1");
        assertTrue("fenced " + waited + " ms after ERROR, not after wait.cycles (5 s)", waited < 4000);
        assertEquals("its confirmed OFF asked for once", List.of("kvm-1"), powerOffs);
    }

    @Test
    public void aHostWhosePowerIsOnWaitsItsWaitCycles() {
        config = PATIENT;
        startZone(new AtomicInteger());
        zone.server(0).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR);
        Await.until("kvm-1 FENCED", java.time.Duration.ofSeconds(20), () -> state("kvm-1") == HostState.FENCED);
        long waited = eventTime("HOST/FENCING", "kvm-1") - eventTime("HOST/ERROR", "kvm-1");
        assertTrue("fenced " + waited + " ms after ERROR: its BMC reported it on, so it waited wait.cycles (5 s)",
                waited >= 5000);
        // asked as the wait started, and once more by the fencing of a host found in FENCING: not every tick
        assertTrue("its BMC asked " + statusAsked.get() + " times", statusAsked.get() >= 1
                && statusAsked.get() <= 2);
        assertEquals(List.of("kvm-1"), powerOffs);
    }

    @Test
    public void aFailedPowerOffLeavesTheHostFenceFailedAndItsVmsWhereTheyAre() {
        startZone(new AtomicInteger());
        bmcAnswers = false;
        zone.server(0).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR);
        Await.until("kvm-1 FENCE_FAILED", () -> state("kvm-1") == HostState.FENCE_FAILED);
        Await.until("the failure recorded in kvm-1's recovery", () -> recoveries("kvm-1").stream()
                .anyMatch(r -> r.step().equals(Recovery.FENCE_FAILED)));
        assertEquals(List.of("kvm-1"), powerOffs);
        assertEquals("web stays on kvm-1", hostId("kvm-1"), vm("web").hostId());
        assertEquals("and is started nowhere else", List.of("web@kvm-1"), deploys);
        assertTrue(recoveries("kvm-1").get(0).detail(), recoveries("kvm-1").get(0).detail().contains("no route"));
    }

    @Test
    public void theMassFailureGuardFencesNoneOfManyHostsInErrorAtOnce() {
        AtomicInteger listings = new AtomicInteger();
        startZone(listings);
        zone.server(0).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR);
        zone.server(0).hosts().setState("kvm-2", Set.of(HostState.MONITORED), HostState.ERROR);
        Await.until("kvm-1 and kvm-2 HELD", () -> recoveries("kvm-1").stream()
                .anyMatch(r -> r.step().equals(Recovery.HELD)) && recoveries("kvm-2").stream()
                .anyMatch(r -> r.step().equals(Recovery.HELD)));
        // two more ticks of the workflow at least (each lists the hosts two or three times): wait.cycles over
        int held = listings.get();
        Await.until("two more ticks of the workflow", () -> listings.get() >= held + 6);
        assertEquals("no power-off", List.of(), powerOffs);
        assertEquals(HostState.ERROR, state("kvm-1"));
        assertEquals(HostState.ERROR, state("kvm-2"));
        assertEquals(hostId("kvm-1"), vm("web").hostId());
        assertEquals("ZONE/MASS_FAILURE raised once", 1, zone.server(0).events().after(0, 1000).stream()
                .filter(e -> e.name().equals("ZONE/MASS_FAILURE")).count());
    }

    @Test
    public void aDeposedLeadersDecisionsAreRefused() {
        zone = MemoryZone.start(3);
        MemoryServer zk0 = zone.server(0);
        zk0.hosts().create(new HostSpec("kvm-1", "default", 8, 16384, "kvm", "kvm"));
        zk0.hosts().setState("kvm-1", Set.of(HostState.INIT), HostState.MONITORED);
        AtomicInteger refused = new AtomicInteger();
        RecoveryService recorder = refusalsCounted(zk0.recoveries(), refused);
        zk0.whileLeading(l -> controller(l, zk0, zk0.hosts(), recorder), RecoveryController::deactivate);
        // zk0 is cut off while zk1 takes over: it still believes it leads, its workflow runs on
        long term = zone.elect(1, 0).term();
        assertTrue(zk0.leadership().isPresent());
        zone.server(1).hosts().setState("kvm-1", Set.of(HostState.MONITORED), HostState.ERROR);
        Await.until("zk0's workflow saw kvm-1 in ERROR and had its decision refused twice", () -> refused.get() >= 2);
        zone.awaitReplicated();
        for (MemoryServer server : zone.servers()) {
            assertEquals(server.name(), List.of(), server.recoveries().list());
            assertEquals(server.name(), HostState.ERROR, server.hosts().get("kvm-1", ReadMode.LOCAL).state());
        }
        assertEquals(List.of(), powerOffs);
        assertTrue(term > zk0.leadership().orElseThrow().term());
    }

    /** {@code target}, counting the calls of its {@code method}. */
    private static <T> T counted(Class<T> type, T target, String method, AtomicInteger calls) {
        return type.cast(Proxy.newProxyInstance(RecoveryControllerTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        calls.incrementAndGet();
                    }
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /** {@code recoveries}, counting the writes refused because a newer term was claimed. */
    private static RecoveryService refusalsCounted(RecoveryService recoveries, AtomicInteger refused) {
        return (RecoveryService) Proxy.newProxyInstance(RecoveryControllerTest.class.getClassLoader(),
                new Class<?>[] {RecoveryService.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(recoveries, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof ZoneException z && z.getMessage().contains("has been claimed since")) {
                            refused.incrementAndGet();
                        }
                        throw e.getCause();
                    }
                });
    }
}
