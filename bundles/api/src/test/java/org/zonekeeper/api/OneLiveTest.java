package org.zonekeeper.api;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class OneLiveTest {

    private final List<String> stopped = new ArrayList<>();
    private final OneLive<String> live = new OneLive<>(stopped::add);

    @Test
    public void aSecondInstanceStopsTheFirst() {
        live.started("first");
        live.started("second");
        assertEquals(List.of("first"), stopped);
    }

    @Test
    public void deactivatingTheInstanceDeclarativeServicesKeptStopsTheOneThatActsToo() {
        live.started("kept");
        live.started("discarded"); // constructed in a race, never deactivated: it acts from now on
        stopped.clear();
        live.stopped("kept");
        assertEquals(List.of("kept", "discarded"), stopped);
        live.started("next");
        assertEquals("nothing left to stop", List.of("kept", "discarded"), stopped);
    }

    @Test
    public void aDeactivatedInstanceIsStoppedOnce() {
        live.started("only");
        live.stopped("only");
        assertEquals(List.of("only"), stopped);
    }
}
