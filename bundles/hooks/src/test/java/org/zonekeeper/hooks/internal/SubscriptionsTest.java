package org.zonekeeper.hooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.zonekeeper.api.ZoneEvent;

public class SubscriptionsTest {

    private static ZoneEvent event(String name) {
        return new ZoneEvent(1, 0, name, name.substring(0, name.indexOf('/') < 0 ? 0 : name.indexOf('/')), 1, "x");
    }

    @Test
    public void exactNamesAndWholeTypesMatch() {
        Subscriptions s = Subscriptions.parse("HOST/ERROR, VM/*");
        assertTrue(s.matches(event("HOST/ERROR")));
        assertFalse(s.matches(event("HOST/ERRORS")));
        assertFalse(s.matches(event("HOST/MONITORED")));
        assertTrue(s.matches(event("VM/RUNNING")));
        assertFalse(s.matches(event("VMX/RUNNING")));
        assertTrue(Subscriptions.parse("LEADER").matches(new ZoneEvent(0, 0, "LEADER", "ZONE", 3, "zk1")));
    }

    @Test
    public void aBadNameIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subscriptions.parse("HOST/ERROR,host error"));
        assertEquals("'host error' is not an event name (TYPE/WHAT such as HOST/ERROR, TYPE/*, or LEADER)",
                e.getMessage());
    }
}
