package org.zonekeeper.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.testkit.Libvirt;

/**
 * The kvm VMM against a private libvirtd and real QEMU (domain type kvm where /dev/kvm works, else qemu): 64 MiB
 * VMs whose disk holds no OS, so SeaBIOS just waits.
 */
public class KvmVmmTest {
    private static Libvirt libvirt;

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private Path stateDir;
    private KvmVmm vmm;

    @BeforeClass
    public static void startLibvirt() throws IOException {
        libvirt = Libvirt.start();
    }

    @AfterClass
    public static void stopLibvirt() {
        if (libvirt != null) {
            libvirt.close();
        }
    }

    @Before
    public void createVmm() throws IOException {
        stateDir = dir.getRoot().toPath().resolve("state");
        vmm = new KvmVmm(stateDir, settings(libvirt.uri()));
    }

    @After
    public void destroyDomains() throws IOException {
        for (String domain : domains()) {
            libvirt.virsh("destroy", domain).orThrow();
        }
    }

    private static KvmSettings settings(String uri) {
        return new KvmSettings(uri, libvirt.domainType(), libvirt.qemuRunDir());
    }

    private DeployRequest spec(String name, int cpu) throws IOException {
        Path disk = dir.getRoot().toPath().resolve(name + ".disk");
        Files.write(disk, new byte[1 << 20]);
        return new DeployRequest(name, cpu, 64, disk.toString(), List.of());
    }

    private static List<String> domains() throws IOException {
        return libvirt.virsh("list", "--all", "--name").orThrow().stdout().lines().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private Vmm.Vm awaitNotRunning(String name) throws Exception {
        for (int i = 0; i < 300; i++) {
            Vmm.Vm vm = vmm.status(name);
            if (!vm.state().equals("RUNNING")) {
                return vm;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " still RUNNING after its QEMU was killed");
    }

    @Test
    public void aDeployedVmIsARunningDomainOfTheAskedSize() throws Exception {
        Vmm.Vm vm = vmm.deploy(spec("web", 250));
        assertEquals("RUNNING", vm.state());
        assertEquals(libvirt.pid("web").orElseThrow(), vm.pid());
        assertTrue(ProcessHandle.of(vm.pid()).orElseThrow().info().command().orElse("").contains("qemu-system"));
        assertEquals(vm, vmm.status("web"));
        assertTrue(vmm.list().contains(vm));
        String xml = libvirt.virsh("dumpxml", "web").orThrow().stdout();
        assertTrue(xml, xml.contains("type='" + libvirt.domainType() + "'"));
        assertTrue(xml, xml.contains(">2</vcpu>"));
        assertTrue(xml, xml.contains("<memory unit='KiB'>65536</memory>"));
        assertTrue(xml, xml.contains("<source file='" + dir.getRoot().toPath().resolve("web.disk") + "'"));
        assertTrue(xml, xml.contains("bus='virtio'"));
    }

    @Test
    public void domainTypeQemuEmulatesWithoutKvm() throws Exception {
        KvmVmm tcg = new KvmVmm(stateDir, new KvmSettings(libvirt.uri(), "qemu", libvirt.qemuRunDir()));
        assertEquals("RUNNING", tcg.deploy(spec("web", 100)).state());
        String xml = libvirt.virsh("dumpxml", "web").orThrow().stdout();
        assertTrue(xml, xml.contains("<domain type='qemu'"));
    }

    @Test
    public void deployingARunningVmAgainStartsNoSecondCopy() throws Exception {
        Vmm.Vm first = vmm.deploy(spec("web", 100));
        Vmm.Vm again = vmm.deploy(spec("web", 100));
        assertEquals(first, again);
        assertEquals(List.of("web"), domains());
        long qemus = ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of)
                .map(args -> args.stream().anyMatch(a -> a.startsWith("guest=web,"))).orElse(false)).count();
        assertEquals(1, qemus);
        Vmm.Vm afterRestart = new KvmVmm(stateDir, settings(libvirt.uri())).deploy(spec("web", 100));
        assertEquals("a restarted agent finds it running", first, afterRestart);
    }

    @Test
    public void aPausedVmIsRunningForItsQemuStillHoldsTheDisk() throws Exception {
        long pid = vmm.deploy(spec("web", 100)).pid();
        libvirt.virsh("suspend", "web").orThrow();
        assertEquals(new Vmm.Vm("web", "RUNNING", pid), vmm.status("web"));
        assertEquals(pid, vmm.deploy(spec("web", 100)).pid());
    }

    @Test
    public void aStoppedVmIsDestroyedAndLeavesNothingBehind() throws Exception {
        long pid = vmm.deploy(spec("web", 100)).pid();
        vmm.stop("web");
        assertEquals(new Vmm.Vm("web", "STOPPED", 0), vmm.status("web"));
        assertEquals(List.of(), domains());
        assertFalse(Files.exists(libvirt.qemuRunDir().resolve("web.pid")));
        assertFalse("QEMU is gone", ProcessHandle.of(pid).map(p -> p.info().command().isPresent()).orElse(false));
        assertTrue(vmm.list().contains(new Vmm.Vm("web", "STOPPED", 0)));
        vmm.stop("never-deployed");
        assertEquals("STOPPED", vmm.status("never-deployed").state());
    }

    @Test
    public void aVmWhoseQemuIsKilledIsFailedAlsoForARestartedAgent() throws Exception {
        long pid = vmm.deploy(spec("web", 100)).pid();
        long other = vmm.deploy(spec("db", 100)).pid();
        assertNotEquals(0, pid);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertEquals(new Vmm.Vm("web", "FAILED", 0), awaitNotRunning("web"));
        assertTrue(vmm.list().contains(new Vmm.Vm("web", "FAILED", 0)));

        ProcessHandle.of(other).orElseThrow().destroyForcibly();
        for (int i = 0; i < 300 && domains().contains("db"); i++) {
            Thread.sleep(100);
        }
        KvmVmm restarted = new KvmVmm(stateDir, settings(libvirt.uri()));
        assertEquals(new Vmm.Vm("db", "FAILED", 0), restarted.status("db"));

        Vmm.Vm again = restarted.deploy(spec("db", 100));
        assertEquals("RUNNING", again.state());
        assertNotEquals(other, again.pid());
    }

    @Test
    public void aNameNeverSeenIsUnknown() throws Exception {
        assertEquals(new Vmm.Vm("nobody", "UNKNOWN", 0), vmm.status("nobody"));
        assertTrue(vmm.list().stream().noneMatch(vm -> vm.name().equals("nobody")));
    }

    @Test
    public void aVirshErrorIsOneLineNamingTheVmAndVirshsMessage() throws Exception {
        Path missing = dir.getRoot().toPath().resolve("missing.disk");
        try {
            vmm.deploy(new DeployRequest("vm-7", 100, 64, missing.toString(), List.of()));
            fail("deployed with a missing disk");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("virsh create vm-7: error: "));
            assertTrue(e.getMessage(), e.getMessage().contains(missing.toString()));
            assertFalse(e.getMessage(), e.getMessage().contains("\n"));
        }
        assertEquals("a VM that never started did not fail", "UNKNOWN", vmm.status("vm-7").state());

        KvmVmm nowhere = new KvmVmm(stateDir, settings("qemu:///system?socket=" + dir.getRoot() + "/no-sock"));
        try {
            nowhere.status("vm-8");
            fail("status through a socket that does not exist");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("virsh domstate vm-8: error: "));
            assertTrue(e.getMessage(), e.getMessage().contains("no-sock"));
            assertFalse(e.getMessage(), e.getMessage().contains("\n"));
        }
    }

    @Test
    public void aCommandOrNoMemoryIsRefused() throws Exception {
        Path disk = dir.newFile("web.disk").toPath();
        try {
            vmm.deploy(new DeployRequest("web", 100, 64, disk.toString(), List.of("/bin/sleep", "1000")));
            fail("deployed a command");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("command: "));
        }
        try {
            vmm.deploy(new DeployRequest("web", 100, 0, disk.toString(), List.of()));
            fail("deployed without memory");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("memoryMb: "));
        }
        assertEquals(List.of(), domains());
    }
}
