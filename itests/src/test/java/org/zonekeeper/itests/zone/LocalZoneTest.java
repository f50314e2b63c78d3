package org.zonekeeper.itests.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.After;
import org.junit.Test;
import org.zonekeeper.itests.support.LocalZone;
import org.zonekeeper.itests.support.LocalZone.ZoneLocalException;

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
    public void killedLeaderIsReplacedAndRejoinsAsFollower() throws IOException, InterruptedException {
        zone = LocalZone.create("failover");
        int leader = LocalZone.leaderIn(zone.up(3));
        assertTrue("a leader", leader >= 0);

        zone.kill(leader);
        int survivor = (leader + 1) % 3;
        int next = -1;
        for (int i = 0; i < 60 && (next < 0 || next == leader); i++) {
            Thread.sleep(500);
            next = LocalZone.leaderIn(zone.exec(survivor, "zone:show"));
        }
        assertTrue("a new leader", next >= 0);
        assertNotEquals(leader, next);

        zone.start(leader);
        assertEquals(next, LocalZone.leaderIn(zone.exec(leader, "zone:show")));
    }

    @Test
    public void execReportsAFailedCommand() throws IOException {
        zone = LocalZone.create("exec");
        zone.up(1);
        assertTrue(zone.exec(0, "bundle:list").contains("zonekeeper :: Raft"));
        ZoneLocalException e = assertThrows(ZoneLocalException.class, () -> zone.exec(0, "bundle:info 99999"));
        assertTrue(e.output(), e.output().contains("No matching bundles"));
    }
}
