package org.zonekeeper.fencing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FencingAction;
import org.zonekeeper.api.fencing.FencingAttempt;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.PowerState;

/**
 * Carries out one action on one host through its levels: the first level whose devices all succeed wins. Each
 * device call runs on its own thread and is abandoned at the device's deadline, so a hung BMC holds nothing else.
 */
final class Fencer {
    private static final Logger LOG = LoggerFactory.getLogger(Fencer.class);
    /** Time allowed past a device's own deadline before its call is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final DeviceRegistry registry;
    private final ExecutorService calls;

    Fencer(DeviceRegistry registry, ExecutorService calls) {
        this.registry = registry;
        this.calls = calls;
    }

    FencingResult run(String host, FencingAction action, List<List<String>> levels) {
        List<FencingAttempt> attempts = new ArrayList<>();
        for (List<String> level : levels) {
            List<PowerState> states = new ArrayList<>();
            for (String device : level) {
                FencingAttempt attempt = attempt(host, device, action);
                attempts.add(attempt);
                if (!attempt.succeeded()) {
                    break;
                }
                states.add(attempt.state());
            }
            if (states.size() == level.size()) {
                PowerState state = combined(states);
                if (action == FencingAction.STATUS || state == expected(action)) {
                    return new FencingResult(host, action, true, state, attempts);
                }
            }
        }
        return new FencingResult(host, action, false, PowerState.UNKNOWN, attempts);
    }

    FencingAttempt check(String device) {
        return attempt("", device, FencingAction.CHECK);
    }

    private FencingAttempt attempt(String host, String deviceName, FencingAction action) {
        long start = System.nanoTime();
        String plug = "";
        FencingAttempt attempt;
        try {
            DeviceRegistry.Usable usable = registry.find(deviceName);
            plug = usable.device().plugFor(host);
            PowerState state = call(usable, action, plug);
            attempt = new FencingAttempt(deviceName, action, plug, since(start), state, null, null);
            if (action != FencingAction.STATUS && action != FencingAction.CHECK && state != expected(action)) {
                attempt = failed(deviceName, action, plug, start, new FencingException(Kind.PROTOCOL,
                        "driver returned " + state + " instead of a confirmed " + expected(action)));
            }
        } catch (FencingException e) {
            attempt = failed(deviceName, action, plug, start, e);
        }
        log(host, attempt);
        return attempt;
    }

    private PowerState call(DeviceRegistry.Usable usable, FencingAction action, String plug) throws FencingException {
        var device = usable.device();
        var driver = usable.driver();
        Future<PowerState> future = calls.submit(() -> switch (action) {
            case STATUS -> driver.status(device, plug);
            case OFF -> driver.off(device, plug);
            case ON -> driver.on(device, plug);
            case REBOOT -> driver.reboot(device, plug);
            case CHECK -> {
                driver.check(device);
                yield PowerState.UNKNOWN;
            }
        });
        Duration deadline = device.deadline().plus(GRACE);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FencingException(Kind.TIMEOUT, "no result within " + deadline.toMillis()
                    + " ms (the device's deadline); call abandoned");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FencingException f) {
                throw f;
            }
            throw new FencingException(Kind.PROTOCOL, "driver " + device.driver() + " failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FencingException(Kind.TIMEOUT, "interrupted", e);
        }
    }

    private static FencingAttempt failed(String device, FencingAction action, String plug, long start,
            FencingException e) {
        return new FencingAttempt(device, action, plug, since(start), PowerState.UNKNOWN, e.kind(), e.getMessage());
    }

    private static void log(String host, FencingAttempt a) {
        String target = host.isEmpty() ? "" : "host " + host + ": ";
        if (a.succeeded()) {
            LOG.info("fencing {}device {} {}{}: {} in {} ms", target, a.device(), a.action().label(),
                    a.plug().isEmpty() ? "" : " plug " + a.plug(), a.action() == FencingAction.CHECK ? "ok"
                            : a.state(), a.duration().toMillis());
        } else {
            LOG.warn("fencing {}device {} {}{}: failed in {} ms: {}: {}", target, a.device(), a.action().label(),
                    a.plug().isEmpty() ? "" : " plug " + a.plug(), a.duration().toMillis(),
                    a.failure().name().toLowerCase(java.util.Locale.ROOT), a.message());
        }
    }

    private static PowerState expected(FencingAction action) {
        return switch (action) {
            case OFF -> PowerState.OFF;
            case ON, REBOOT -> PowerState.ON;
            default -> PowerState.UNKNOWN;
        };
    }

    /** A level is OFF only if every device reads OFF, ON if any reads ON. */
    private static PowerState combined(List<PowerState> states) {
        if (states.stream().allMatch(s -> s == PowerState.OFF)) {
            return PowerState.OFF;
        }
        return states.contains(PowerState.ON) ? PowerState.ON : PowerState.UNKNOWN;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
