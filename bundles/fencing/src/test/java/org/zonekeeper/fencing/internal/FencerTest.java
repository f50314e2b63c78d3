package org.zonekeeper.fencing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingAction;
import org.zonekeeper.api.fencing.FencingDriver;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.api.fencing.Verification;

/**
 * The level and deadline logic of the engine, with a driver whose answers the test scripts per device: the case of
 * a third-party driver bundle that misbehaves. Drivers against real BMCs are tested in their own modules.
 */
public class FencerTest {

    private final DeviceRegistry registry = new DeviceRegistry();
    private final ScriptedDriver driver = new ScriptedDriver();
    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final Fencer fencer = new Fencer(registry, calls);

    public FencerTest() {
        registry.addDriver(driver, Map.of(FencingDriver.DRIVER, "scripted"));
    }

    @After
    public void stop() {
        calls.shutdownNow();
    }

    private void device(String name, String hostMap) {
        FenceDevice d = new FenceDevice(name, "scripted", "127.0.0.1", 0, "u", Secret.of("pw"), Map.of(),
                Duration.ofMillis(200), Duration.ofMillis(300), Duration.ZERO, 0, Verification.defaults(),
                hostMap.isEmpty() ? Map.of() : Map.of(hostMap.split(":")[0], hostMap.split(":")[1]));
        registry.configured("pid-" + name, new DeviceRegistry.Entry(name, d, null));
    }

    @Test
    public void theNextLevelIsTriedWhenADeviceOfALevelFails() {
        device("bmc", "");
        device("pdu-a", "");
        device("pdu-b", "");
        driver.answer("bmc", new FencingException(Kind.UNREACHABLE, "no answer"));
        FencingResult r = fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("bmc"), List.of("pdu-a", "pdu-b")));
        assertTrue(r.summary(), r.success());
        assertEquals(PowerState.OFF, r.state());
        assertEquals(List.of("bmc", "pdu-a", "pdu-b"), r.attempts().stream().map(a -> a.device()).toList());
        assertEquals(Kind.UNREACHABLE, r.attempts().get(0).failure());
    }

    @Test
    public void aLevelFailsWhenAnyOfItsDevicesFails() {
        device("pdu-a", "");
        device("pdu-b", "");
        driver.answer("pdu-b", new FencingException(Kind.AUTH, "refused"));
        FencingResult r = fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("pdu-a", "pdu-b")));
        assertFalse(r.success());
        assertEquals(PowerState.UNKNOWN, r.state());
        assertTrue(r.summary(), r.summary().contains("pdu-b (auth: refused)"));
    }

    @Test
    public void aDriverThatReturnsAnythingButOffFromOffHasFailed() {
        device("liar", "");
        driver.answer("liar", PowerState.UNKNOWN);
        FencingResult r = fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("liar")));
        assertFalse(r.success());
        assertEquals(Kind.PROTOCOL, r.attempts().get(0).failure());
    }

    @Test
    public void aHungDriverIsAbandonedAtTheDeviceDeadlineWhileOtherHostsAreFenced() throws Exception {
        device("hung", "");
        device("bmc-2", "kvm-2:2");
        CountDownLatch never = new CountDownLatch(1);
        driver.hang("hung", never);
        CompletableFuture<FencingResult> first = CompletableFuture.supplyAsync(
                () -> fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("hung"))));
        FencingResult second = fencer.run("kvm-2", FencingAction.OFF, List.of(List.of("bmc-2")));
        assertTrue(second.success());
        assertFalse("the hung call is still running", first.isDone());
        assertEquals("2", second.attempts().get(0).plug());
        FencingResult hung = first.get(30, TimeUnit.SECONDS);
        assertFalse(hung.success());
        assertEquals(Kind.TIMEOUT, hung.attempts().get(0).failure());
        never.countDown();
    }

    @Test
    public void aMissingDriverOrDeviceIsAConfigFailureNotOff() {
        FencingResult r = fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("nowhere")));
        assertFalse(r.success());
        assertEquals(Kind.CONFIG, r.attempts().get(0).failure());
        FenceDevice d = new FenceDevice("orphan", "redfish", "127.0.0.1", 0, "u", Secret.none(), Map.of(),
                Duration.ofMillis(200), Duration.ofMillis(300), Duration.ZERO, 0, Verification.defaults(), Map.of());
        registry.configured("pid-orphan", new DeviceRegistry.Entry("orphan", d, null));
        r = fencer.run("kvm-1", FencingAction.OFF, List.of(List.of("orphan")));
        assertTrue(r.summary(), r.summary().contains("driver 'redfish' is not installed"));
        assertEquals("driver 'redfish' is not installed (installed: scripted)",
                registry.devices().get(0).problem().replaceFirst("^fencing device orphan: ", ""));
    }

    @Test
    public void noDeviceAtAllFailsSayingSo() {
        FencingResult r = fencer.run("kvm-1", FencingAction.OFF, List.of());
        assertFalse(r.success());
        assertEquals("kvm-1: off failed: no fencing device for this host", r.summary());
    }

    /** Answers per device: a state, a failure, or a hang that ignores interruption. */
    private static final class ScriptedDriver implements FencingDriver {
        private final Map<String, Object> answers = new ConcurrentHashMap<>();

        void answer(String device, Object answer) {
            answers.put(device, answer);
        }

        void hang(String device, CountDownLatch release) {
            answers.put(device, release);
        }

        private PowerState reply(FenceDevice device, PowerState fallback) throws FencingException {
            Object answer = answers.getOrDefault(device.name(), fallback);
            if (answer instanceof CountDownLatch latch) {
                while (latch.getCount() > 0) {
                    try {
                        latch.await();
                    } catch (InterruptedException ignored) {
                        // a badly written driver: keeps hanging
                    }
                }
            }
            if (answer instanceof FencingException e) {
                throw e;
            }
            return answer instanceof PowerState s ? s : fallback;
        }

        @Override
        public void validate(FenceDevice device) {
        }

        @Override
        public PowerState status(FenceDevice device, String plug) throws FencingException {
            return reply(device, PowerState.ON);
        }

        @Override
        public PowerState off(FenceDevice device, String plug) throws FencingException {
            return reply(device, PowerState.OFF);
        }

        @Override
        public PowerState on(FenceDevice device, String plug) throws FencingException {
            return reply(device, PowerState.ON);
        }

        @Override
        public PowerState reboot(FenceDevice device, String plug) throws FencingException {
            return reply(device, PowerState.ON);
        }

        @Override
        public void check(FenceDevice device) throws FencingException {
            reply(device, PowerState.UNKNOWN);
        }
    }
}
