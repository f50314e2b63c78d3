package org.zonekeeper.api.fencing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class FencingLevelsTest {

    @Test
    public void levelsAreSeparatedBySemicolonsAndDevicesByCommas() {
        FencingLevels levels = FencingLevels.parse(" ipmi-7 ; pdu-a, pdu-b ");
        assertEquals(List.of(List.of("ipmi-7"), List.of("pdu-a", "pdu-b")), levels.levels());
        assertEquals("ipmi-7; pdu-a,pdu-b", levels.format());
        assertEquals(levels, FencingLevels.parse(levels.format()));
    }

    @Test
    public void blankMeansNoLevels() {
        assertTrue(FencingLevels.parse("  ").isEmpty());
        assertEquals("", FencingLevels.none().format());
    }

    @Test
    public void emptyOrOddDeviceNamesAreRefusedNamingTheLevel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FencingLevels.parse("a;;b"));
        assertTrue(e.getMessage(), e.getMessage().contains("level 2"));
        e = assertThrows(IllegalArgumentException.class, () -> FencingLevels.parse("a; b c"));
        assertTrue(e.getMessage(), e.getMessage().contains("level 2"));
    }

    @Test
    public void secretsNeverPrint() {
        Secret secret = Secret.of("hunter2");
        assertEquals("********", secret.toString());
        assertEquals("hunter2", secret.reveal());
        assertTrue(Secret.of("").isEmpty());
    }
}
