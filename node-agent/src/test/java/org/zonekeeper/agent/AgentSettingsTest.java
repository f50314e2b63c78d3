package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AgentSettingsTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    /** The agent's settings with {@code extra} lines; the zone's TLS off unless {@code extra} turns it on. */
    private AgentSettings load(String extra) throws Exception {
        return loadWithTls((extra.contains("tls.") ? "" : "tls.enabled = false\n") + extra);
    }

    private AgentSettings loadWithTls(String extra) throws Exception {
        Path token = dir.getRoot().toPath().resolve("agent.token");
        Files.writeString(token, "secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path config = dir.getRoot().toPath().resolve("agent.properties");
        Files.writeString(config, "token.file = agent.token\nhost.name = kvm-1\n" + extra);
        return AgentSettings.load(config);
    }

    private void assertRefused(String extra, String message) throws Exception {
        try {
            load(extra);
            fail("accepted " + extra);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }

    /** A certificate of a new zone CA for {@code peer} in DIR/tls. */
    private void certificate(org.zonekeeper.trust.Peer peer) {
        org.zonekeeper.trust.ZoneCa.create(dir.getRoot().toPath().resolve("ca"), "test")
                .issue(dir.getRoot().toPath().resolve("tls"), peer);
    }

    @Test
    public void theZoneTlsIsOnByDefaultWithTheHostsOwnCertificate() throws Exception {
        certificate(new org.zonekeeper.trust.Peer(org.zonekeeper.trust.Role.HOST, "kvm-1"));
        assertEquals("host kvm-1", loadWithTls("").trust().self().toString());
    }

    @Test
    public void aCertificateOfAnotherHostOrOfAServerIsRefused() throws Exception {
        certificate(new org.zonekeeper.trust.Peer(org.zonekeeper.trust.Role.SERVER, "kvm-1"));
        Path crt = dir.getRoot().toPath().resolve("tls").resolve("node.crt").toAbsolutePath();
        try {
            loadWithTls("");
            fail("a server certificate was taken for the host's");
        } catch (IllegalArgumentException e) {
            assertEquals("agent.properties: tls.dir: " + crt + " names server kvm-1, not host kvm-1 (host.name)",
                    e.getMessage());
        }
    }

    @Test
    public void noCertificateIsRefusedNamingTheFileAndTheWayOut() throws Exception {
        try {
            loadWithTls("");
            fail("started without a certificate");
        } catch (IllegalArgumentException e) {
            assertEquals("agent.properties: tls.dir: " + dir.getRoot().toPath().toAbsolutePath().resolve("tls")
                    .resolve("ca.crt") + " is missing: create this machine's certificate with bin/zone-tls "
                    + "(docs/security.md)", e.getMessage());
        }
    }

    @Test
    public void theKvmVmmTheSystemLibvirtAndTheDatastoreAreTheDefaults() throws Exception {
        AgentSettings settings = load("");
        assertEquals("kvm", settings.vmm());
        assertEquals(Path.of("/var/lib/zonekeeper/datastore"), settings.diskDir());
        assertEquals(new KvmSettings("qemu:///system", "kvm", Path.of("/run/libvirt/qemu")), settings.kvm());
    }

    @Test
    public void theKvmKeysAreRead() throws Exception {
        AgentSettings settings = load("vmm = kvm\nkvm.uri = qemu:///system?socket=/tmp/x/sock\n"
                + "kvm.domain.type = qemu\nkvm.pid.dir = /tmp/x/qemu\n");
        assertEquals("kvm", settings.vmm());
        assertEquals(new KvmSettings("qemu:///system?socket=/tmp/x/sock", "qemu", Path.of("/tmp/x/qemu")),
                settings.kvm());
    }

    @Test
    public void theProcessVmmRunsOnlyWhereItIsEnabledForTests() throws Exception {
        assertRefused("vmm = process\n", "agent.properties: vmm: process runs whatever command a deploy names, as "
                + "this agent's user: it is for tests only, and needs process.enabled = true");
        assertEquals("process", load("vmm = process\nprocess.enabled = true\n").vmm());
        assertRefused("disk.dir = datastore\n", "agent.properties: disk.dir: 'datastore' is not an absolute path");
    }

    @Test
    public void aBadKvmValueIsRefusedInOneLine() throws Exception {
        assertRefused("vmm = xen\n", "agent.properties: vmm: 'xen' is not process or kvm");
        assertRefused("kvm.domain.type = xen\n", "agent.properties: kvm.domain.type: 'xen' is not kvm or qemu");
        assertRefused("kvm.uri =\n", "agent.properties: kvm.uri: is empty (leave it out for qemu:///system)");
        assertRefused("kvm.pid.dir = run/qemu\n", "agent.properties: kvm.pid.dir: 'run/qemu' is not an absolute "
                + "path");
    }
}
