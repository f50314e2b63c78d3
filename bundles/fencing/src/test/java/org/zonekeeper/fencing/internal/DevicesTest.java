package org.zonekeeper.fencing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.fencing.FenceDevice;

public class DevicesTest {

    @Rule
    public TemporaryFolder home = new TemporaryFolder();

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("service.pid", "org.zonekeeper.fencing.device~x");
        map.put("felix.fileinstall.filename", "file:/opt/zk/etc/org.zonekeeper.fencing.device-bmc-7.cfg");
        map.put("driver", "ipmi");
        map.put("address", "10.0.0.7");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** As the component gets it: the configuration checked, and as SCR injects it (here, the check's own view). */
    private FenceDevice parse(Map<String, Object> config) {
        return Devices.device(ConfigCheck.of(ConfiguredDevice.Config.class, ConfiguredDevice.PID, config).config(),
                config, home.getRoot().toPath());
    }

    @Test
    public void nameComesFromTheFileAndDefaultsApply() {
        FenceDevice d = parse(config());
        assertEquals("bmc-7", d.name());
        assertEquals("ipmi", d.driver());
        assertEquals(0, d.port());
        assertEquals(Duration.ofSeconds(10), d.timeout());
        assertEquals(Duration.ofSeconds(20), d.powerTimeout());
        assertEquals(1, d.retries());
        assertTrue(d.password().isEmpty());
        assertFalse(d.verification().insecure());
    }

    @Test
    public void theDefaultsDeclarativeServicesAddsAreNeitherANameNorOptions() {
        FenceDevice d = parse(config("name", "", "port", 0, "tls.insecure", false, "timeout.ms", 10000L));
        assertEquals("bmc-7", d.name());
        assertEquals(Map.of(), d.options());
    }

    @Test
    public void unknownKeysBecomeDriverOptionsAndFrameworkKeysDoNot() {
        FenceDevice d = parse(config("cipher", " 17,3 ", "method", "cycle", "component.id", "7",
                "osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)"));
        assertEquals(Map.of("cipher", "17,3", "method", "cycle"), d.options());
    }

    @Test
    public void passwordIsReadFromItsFileAndNeverPrinted() throws Exception {
        Path file = home.newFile("bmc.password").toPath();
        Files.writeString(file, "s3cret-Pw\nignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        FenceDevice d = parse(config("password.file", "bmc.password"));
        assertEquals("s3cret-Pw", d.password().reveal());
        assertFalse(d.toString().contains("s3cret"));
    }

    @Test
    public void aPasswordFileOthersCanReadIsRefusedWithItsPath() throws Exception {
        Path file = home.newFile("open.password").toPath();
        Files.writeString(file, "s3cret-Pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> parse(config("password.file", "open.password")));
        assertEquals("org.zonekeeper.fencing.device-bmc-7: password.file: " + file
                + " is open to others (mode rw-r--r--): chmod 600 it", e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    public void aPasswordKeyIsRefusedWithoutEchoingIt() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> parse(config("password", "s3cret-Pw")));
        assertEquals("password", e.key());
        assertTrue(e.getMessage(), e.getMessage().startsWith("org.zonekeeper.fencing.device-bmc-7: password: "));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    public void hostMapTakesHostsAndPlugs() {
        FenceDevice d = parse(config("host.map", "kvm-1:1, kvm-2:server-2;kvm-3"));
        assertEquals(Map.of("kvm-1", "1", "kvm-2", "server-2", "kvm-3", ""), d.hostMap());
        assertEquals("server-2", d.plugFor("kvm-2"));
        assertEquals("", d.plugFor("kvm-9"));
    }

    @Test
    public void eachBadValueNamesItsKey() {
        assertBad("driver", config("driver", ""));
        assertBad("address", config("address", " "));
        assertBad("port", config("port", "70000"));
        assertBad("timeout.ms", config("timeout.ms", "soon"));
        assertBad("power.timeout.ms", config("power.timeout.ms", "5"));
        assertBad("retries", config("retries", "-1"));
        assertBad("tls.insecure", config("tls.insecure", "yes"));
        assertBad("tls.ca", config("tls.ca", "missing.pem"));
        assertBad("password.file", config("password.file", "missing.password"));
        assertBad("host.map", config("host.map", "kvm-1:1,kvm-1:2"));
        assertBad("name", config("name", "bad name"));
    }

    @Test
    public void everyBadKeyIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(config("address", "",
                "retries", "-1", "tls.insecure", "yes", "password", "s3cret-Pw", "host.map", "kvm-1:1,kvm-1:2")));
        assertEquals(List.of("address", "retries", "tls.insecure", "password", "host.map"),
                e.problems().stream().map(InvalidConfigException.Problem::key).toList());
        assertTrue(e.inOneLine(), e.inOneLine().startsWith("org.zonekeeper.fencing.device-bmc-7: address: is "
                + "required; retries: -1 is out of range 0..10; tls.insecure: 'yes' is neither true nor false; "));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    private void assertBad(String key, Map<String, Object> config) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(config));
        assertEquals(e.getMessage(), key, e.key());
        assertFalse(e.getMessage(), e.getMessage().contains("\n"));
    }
}
