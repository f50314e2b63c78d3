package org.zonekeeper.fencing.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.PowerState;
import org.zonekeeper.api.fencing.Verification;

public class PowerPollerTest {

    private final FenceDevice device = Devices.device(Duration.ofMillis(1500), 0, Verification.defaults());

    @Test
    public void returnsOnceTheStateReadsAsAsked() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PowerState state = PowerPoller.await(device, PowerState.OFF,
                () -> reads.incrementAndGet() < 3 ? PowerState.ON : PowerState.OFF);
        assertEquals(PowerState.OFF, state);
        assertEquals(3, reads.get());
    }

    @Test
    public void aStateThatNeverChangesIsATimeoutNamingTheLastState() {
        FencingException e = assertThrows(FencingException.class,
                () -> PowerPoller.await(device, PowerState.OFF, () -> PowerState.ON));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("still ON"));
    }

    @Test
    public void unknownIsNeverTakenForOff() {
        FencingException e = assertThrows(FencingException.class,
                () -> PowerPoller.await(device, PowerState.OFF, () -> PowerState.UNKNOWN));
        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @Test
    public void unreachableReadsAreRetriedButAuthFailsAtOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        assertEquals(PowerState.OFF, PowerPoller.await(device, PowerState.OFF, () -> {
            if (reads.incrementAndGet() < 3) {
                throw new FencingException(Kind.UNREACHABLE, "no answer");
            }
            return PowerState.OFF;
        }));
        AtomicInteger authReads = new AtomicInteger();
        FencingException e = assertThrows(FencingException.class, () -> PowerPoller.await(device, PowerState.OFF,
                () -> {
                    authReads.incrementAndGet();
                    throw new FencingException(Kind.AUTH, "refused");
                }));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals(1, authReads.get());
    }
}
