package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.After;
import org.junit.Test;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.LocalZone.ZoneLocalException;

/** bin/zone-local through LocalZone: real servers, real processes. */
public class LocalZoneTest {

    private LocalZone zone;

    @After
    public void down() {
        if (zone != null) {
            zone.close();
        }
    }

    @Test
    public void execReportsAFailedCommand() throws IOException {
        zone = LocalZone.create("exec");
        zone.up(1);
        assertTrue(zone.exec(0, "bundle:list").contains("zonekeeper :: Zone"));
        ZoneLocalException e = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "bundle:info 99999"));
        assertTrue(e.output(), e.output().contains("No matching bundles"));
    }
}
