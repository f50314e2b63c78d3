package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real virsh against a libvirt socket that takes connections (into its backlog) and never answers. */
public class VirshTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void aVirshWithoutAnswerIsKilledAtTheDeadline() throws Exception {
        Path socket = dir.getRoot().toPath().resolve("silent-sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            Virsh virsh = new Virsh("qemu:///system?socket=" + socket, Duration.ofSeconds(1));
            try {
                virsh.run("domstate vm-7", "domstate", "vm-7");
                fail("virsh answered without libvirt");
            } catch (IOException e) {
                assertEquals("virsh domstate vm-7: no answer from libvirt (qemu:///system?socket=" + socket
                        + ") within 1 s; virsh killed", e.getMessage());
            }
            assertTrue("virsh is gone", ProcessHandle.current().children()
                    .noneMatch(p -> p.info().command().orElse("").endsWith("virsh")));
        }
    }
}
