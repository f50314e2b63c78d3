package org.zonekeeper.itests.hooks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.itests.support.Await;
import org.zonekeeper.testkit.LocalZone;
import org.zonekeeper.testkit.ZoneTable;

/**
 * Hooks in a running server: script hooks whose .cfg is dropped into etc/ while it runs, a bundle hook dropped into
 * deploy/ and taken away, a hanging script killed with its process group at its timeout, a script that is not
 * executable and a configuration with a bad value, each recorded or listed with its reason; hook:retry.
 */
public class HookZoneTest {
    private static final Duration LIVE = Duration.ofSeconds(60);

    @ClassRule
    public static TemporaryFolder work = new TemporaryFolder();

    private static LocalZone zone;
    private static Path etc;
    private static Path out;

    @BeforeClass
    public static void startZone() throws IOException {
        zone = LocalZone.create("hooks");
        zone.up(1);
        etc = zone.serverDir(0).resolve("etc");
        out = work.getRoot().toPath();
    }

    @AfterClass
    public static void stopZone() {
        if (zone != null) {
            zone.close();
        }
    }

    private static Path script(String relative, String body) throws IOException {
        Path file = zone.serverDir(0).resolve("hook-scripts").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void hook(String name, String... lines) throws IOException {
        Path tmp = etc.resolve("." + name + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n");
        Files.move(tmp, etc.resolve("org.zonekeeper.hook-" + name + ".cfg"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Map<String, String>> log(String hook) {
        return ZoneTable.rows(zone.exec(0, "hook:log --hook " + hook), "ID");
    }

    private static Optional<Map<String, String>> listed(String hook) {
        return ZoneTable.rows(zone.exec(0, "hook:list"), "NAME").stream().filter(r -> r.get("NAME").equals(hook))
                .findFirst();
    }

    @Test
    public void aScriptHookDroppedIntoEtcRunsWithThePlaceholdersAndTheDocumentOnStdin() throws Exception {
        Path record = out.resolve("created.txt");
        script("test/record.sh", "echo \"args: $*\" >> " + record + "; cat >> " + record + "; echo >> " + record
                + "; echo \"recorded $2\"; echo 'a warning' >&2");
        hook("created", "events = API/CreateHost", "command = test/record.sh",
                "arguments = $ID $NAME $EVENT $TEMPLATE", "stdin = true", "timeout.ms = 10000");
        Await.until(LIVE, "hook created listed ready", () -> listed("created"),
                r -> r.isPresent() && r.get().get("STATUS").equals("ready"));
        zone.exec(0, "host:create kvm-hooked");
        Await.until(LIVE, "the script ran", () -> read(record), t -> t.contains("API/CreateHost"));
        String[] args = read(record).lines().filter(l -> l.startsWith("args: ") && l.contains(" kvm-hooked "))
                .findFirst().orElseThrow()
                .substring(6).split(" ");
        assertEquals("kvm-hooked", args[1]);
        assertEquals("API/CreateHost", args[2]);
        String template = new String(Base64.getDecoder().decode(args[3]), StandardCharsets.UTF_8);
        assertTrue(template, template.contains("\"name\":\"API/CreateHost\"") && template.contains(
                "\"name\":\"kvm-hooked\"") && template.contains("\"id\":" + args[0]));
        assertTrue("the same document on stdin", read(record).contains(template));
        Map<String, String> execution = Await.until(LIVE, "SUCCEEDED in hook:log", () -> log("created").stream()
                .filter(r -> r.get("OBJECT").equals("kvm-hooked")).findFirst(),
                r -> r.isPresent() && r.get().get("STATE").equals("SUCCEEDED")).get();
        assertEquals("1", execution.get("ATTEMPT"));
        assertEquals("0", execution.get("EXIT"));
        String shown = zone.exec(0, "hook:show " + execution.get("ID"));
        assertTrue(shown, shown.contains("recorded kvm-hooked") && shown.contains("a warning")
                && shown.contains(args[0] + " kvm-hooked API/CreateHost $TEMPLATE"));
    }

    @Test
    public void aHangingHookIsKilledWithItsProcessGroupAtItsTimeoutAndTheEngineGoesOn() throws Exception {
        Path pid = out.resolve("hang.pid");
        script("test/hang.sh", "sleep 600 & echo $! > " + pid + "; sleep 600");
        Path record = out.resolve("after-hang.txt");
        script("test/after.sh", "echo \"$1\" >> " + record);
        hook("hang", "events = API/DisableHost", "command = test/hang.sh", "timeout.ms = 1500");
        hook("after", "events = API/EnableHost", "command = test/after.sh", "arguments = $NAME");
        Await.until(LIVE, "hooks listed", () -> listed("hang").isPresent() && listed("after").isPresent(), b -> b);
        zone.exec(0, "host:create kvm-hang");
        zone.exec(0, "host:disable kvm-hang");
        zone.exec(0, "host:enable kvm-hang");
        Map<String, String> hung = Await.until(LIVE, "the hanging hook recorded FAILED", () -> log("hang"),
                rows -> rows.size() == 1 && rows.get(0).get("STATE").equals("FAILED")).get(0);
        assertEquals("killed with its process group after 1500 ms (timeout.ms)", hung.get("REASON"));
        long child = Long.parseLong(Files.readString(pid).trim());
        Await.until(Duration.ofSeconds(10), "its background child killed too",
                () -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        Await.until(LIVE, "the next hook ran", () -> read(record), t -> t.contains("kvm-hang"));
    }

    @Test
    public void aBundleHookDroppedIntoDeployRunsAndLeavesCleanly() throws Exception {
        Path deployed = zone.serverDir(0).resolve("deploy/event-journal-hook.jar");
        Files.copy(Path.of(System.getProperty("zonekeeper.example.hook")), deployed,
                StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> listedRow = Await.until(LIVE, "event-journal listed", () -> listed("event-journal"),
                Optional::isPresent).get();
        assertEquals("BUNDLE", listedRow.get("KIND"));
        assertEquals("HOST/*,VM/*", listedRow.get("EVENTS"));
        zone.exec(0, "host:create kvm-journal");
        Path journal = zone.serverDir(0).resolve("data/event-journal.log");
        Await.until(LIVE, "the bundle hook wrote the event", () -> read(journal),
                t -> t.contains("HOST/INIT kvm-journal"));
        Await.until(LIVE, "its execution SUCCEEDED", () -> log("event-journal"),
                rows -> rows.stream().anyMatch(r -> r.get("OBJECT").equals("kvm-journal")
                        && r.get("STATE").equals("SUCCEEDED")));
        Files.delete(deployed);
        Await.until(LIVE, "event-journal gone from hook:list", () -> listed("event-journal"), Optional::isEmpty);
        zone.exec(0, "host:create kvm-after-journal");
        Thread.sleep(2000);
        assertFalse("a removed hook does not run", read(journal).contains("kvm-after-journal"));
    }

    @Test
    public void badHooksAreListedAndRecordedWithTheirReasonAndCanBeRetried() throws Exception {
        hook("bad", "events = VM/RUNNING", "command = test/record.sh", "timeout.ms = soon");
        Await.until(LIVE, "bad listed with its problem", () -> listed("bad"), r -> r.isPresent()
                && r.get().get("STATUS").equals("org.zonekeeper.hook-bad: timeout.ms: 'soon' is not a whole number"));
        Path plain = zone.serverDir(0).resolve("hook-scripts/test/plain.sh");
        Files.createDirectories(plain.getParent());
        Files.writeString(plain, "#!/bin/sh\necho fixed\n");
        hook("plain", "events = API/CreateVm", "command = test/plain.sh");
        Await.until(LIVE, "plain listed as not executable", () -> listed("plain"), r -> r.isPresent()
                && r.get().get("STATUS").equals(plain + ": not executable by the server (chmod +x)"));
        zone.exec(0, "host:create kvm-plain");
        zone.exec(0, "vm:create --host kvm-plain vm-plain");
        Map<String, String> failed = Await.until(LIVE, "plain FAILED", () -> log("plain"),
                rows -> rows.size() == 1 && rows.get(0).get("STATE").equals("FAILED")).get(0);
        assertEquals(plain + ": not executable by the server (chmod +x)", failed.get("REASON"));
        String failedOnly = zone.exec(0, "hook:log --failed");
        assertTrue(failedOnly, failedOnly.contains("plain") && !failedOnly.contains("SUCCEEDED"));

        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rwxr-xr-x"));
        String retried = zone.exec(0, "hook:retry " + failed.get("ID"));
        assertTrue(retried, retried.contains("hook plain for API/CreateVm vm-plain, attempt 2"));
        Await.until(LIVE, "the retry SUCCEEDED", () -> log("plain"), rows -> rows.size() == 2
                && rows.get(0).get("STATE").equals("SUCCEEDED") && rows.get(0).get("ATTEMPT").equals("2"));
        LocalZone.ZoneLocalException unknown = org.junit.Assert.assertThrows(LocalZone.ZoneLocalException.class,
                () -> zone.exec(0, "hook:retry 999999"));
        assertTrue(unknown.output(), unknown.output().contains("no hook execution 999999"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
