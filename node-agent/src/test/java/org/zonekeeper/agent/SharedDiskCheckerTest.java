package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.agent.guest.SharedDiskChecker;

public class SharedDiskCheckerTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void twoWritersAliveAtOnceAreASplitBrain() throws Exception {
        Path disk = dir.newFile("web.disk").toPath();
        Files.writeString(disk, "1000 web kvm-1 a\n1200 web kvm-2 b\n1400 web kvm-1 a\n1600 web kvm-2 b\n");
        assertEquals(1, SharedDiskChecker.overlaps(disk).size());
        assertTrue(SharedDiskChecker.overlaps(disk).get(0).contains("kvm-1 and kvm-2"));
    }

    @Test
    public void aWriterThatStartsAfterTheOtherStoppedIsFine() throws Exception {
        Path disk = dir.newFile("web.disk").toPath();
        Files.writeString(disk, "1000 web kvm-1 a\n1200 web kvm-1 a\n5000 web kvm-2 b\n5200 web kvm-2 b\n");
        assertTrue(SharedDiskChecker.overlaps(disk).isEmpty());
        assertEquals(2, SharedDiskChecker.writers(disk).size());
    }
}
