package org.zonekeeper.fencing.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.Verification;

public class RetriesTest {

    @Test
    public void unansweredRequestsAreSentRetriesMoreTimes() {
        AtomicInteger sent = new AtomicInteger();
        FencingException e = assertThrows(FencingException.class, () -> Retries.call(
                Devices.device(Duration.ofSeconds(1), 1, Verification.defaults()), () -> {
                    sent.incrementAndGet();
                    throw new FencingException(Kind.UNREACHABLE, "no answer");
                }));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertEquals(2, sent.get());
    }

    @Test
    public void aRefusedPasswordIsNeverRepeated() {
        AtomicInteger sent = new AtomicInteger();
        assertThrows(FencingException.class, () -> Retries.call(
                Devices.device(Duration.ofSeconds(1), 3, Verification.defaults()), () -> {
                    sent.incrementAndGet();
                    throw new FencingException(Kind.AUTH, "refused");
                }));
        assertEquals(1, sent.get());
    }
}
