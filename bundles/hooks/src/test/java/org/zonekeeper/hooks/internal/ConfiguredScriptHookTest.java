package org.zonekeeper.hooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.InvalidConfigException;

public class ConfiguredScriptHookTest {
    private static final Path SCRIPTS = Path.of("/opt/zk/hook-scripts");

    private static Map<String, Object> config(String... pairs) {
        Map<String, Object> map = new HashMap<>();
        map.put("felix.fileinstall.filename", "file:/opt/zk/etc/org.zonekeeper.hook-pager.cfg");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ScriptHook hook(Map<String, Object> properties) {
        return new ScriptHook(ConfiguredScriptHook.name(properties), ConfiguredScriptHook.check(properties), SCRIPTS);
    }

    @Test
    public void aConfigurationIsReadWithItsDefaults() {
        ScriptHook s = hook(config("events", "HOST/ERROR,HOST/FENCE_FAILED",
                "command", "notify/pager.sh", "arguments", "$ID  $TEMPLATE"));
        assertEquals("pager", s.name());
        assertEquals(List.of("HOST/ERROR", "HOST/FENCE_FAILED"), s.info().events());
        assertEquals(SCRIPTS.resolve("notify/pager.sh"), s.command());
        assertEquals(List.of("$ID", "$TEMPLATE"), s.arguments());
        assertEquals(60000, ConfiguredScriptHook.check(config("events", "VM/*", "command", "x")).timeout_ms());
        assertEquals(0, s.retries());
        assertEquals(Duration.ofSeconds(5), s.retryDelay());
        assertEquals(Path.of("/usr/local/bin/x"), hook(config("events", "VM/*", "command",
                "/usr/local/bin/x")).command());
    }

    @Test
    public void aBadValueIsRefusedInOneLineNamingTheFileAndKey() {
        assertEquals("org.zonekeeper.hook-pager: timeout.ms: 'ten' is not a whole number",
                assertThrows(ZoneException.class, () -> hook(config("events", "HOST/ERROR",
                        "command", "x.sh", "timeout.ms", "ten"))).getMessage());
        assertEquals("org.zonekeeper.hook-pager: events: 'ERROR' is not an event name (TYPE/WHAT such as "
                + "HOST/ERROR, TYPE/*, or LEADER)", assertThrows(ZoneException.class,
                        () -> hook(config("events", "ERROR", "command", "x.sh"))).getMessage());
        assertEquals("org.zonekeeper.hook-pager: command: is required", assertThrows(ZoneException.class,
                () -> hook(config("events", "HOST/ERROR"))).getMessage());
    }

    @Test
    public void everyBadKeyIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> hook(config("name", "pa ger",
                "events", "ERROR", "timeout.ms", "ten", "retries", "11")));
        assertEquals("org.zonekeeper.hook-pa ger: command: is required; retries: 11 is out of range 0..10; "
                + "timeout.ms: 'ten' is not a whole number; name: 'pa ger' has characters other than letters, digits, "
                + "'.', '_', '-'; events: 'ERROR' is not an event name (TYPE/WHAT such as HOST/ERROR, TYPE/*, or "
                + "LEADER)", e.inOneLine());
        assertEquals(5, e.getMessage().lines().count());
    }

    @Test
    public void theNameDeclarativeServicesAddsByDefaultLeavesTheFileName() {
        assertEquals("pager", hook(config("name", "", "events", "HOST/ERROR", "command", "x.sh")).name());
        assertEquals("alert", hook(config("name", "alert", "events", "HOST/ERROR", "command", "x.sh")).name());
    }

    @Test
    public void placeholdersAreReplacedInTheArguments() {
        ZoneEvent e = new ZoneEvent(42, 0, "HOST/ERROR", "HOST", 7, "kvm-7");
        assertEquals("7:kvm-7:HOST:HOST/ERROR:42:T", ScriptHook.expand("$ID:$NAME:$TYPE:$EVENT:$EVENT_ID:$TEMPLATE",
                e, "T"));
        ScriptHook hook = hook(config("events", "HOST/ERROR", "command", "x.sh", "arguments", "$NAME $TEMPLATE"));
        assertEquals("the recorded arguments leave the document out", "kvm-7 $TEMPLATE", hook.arguments(e));
    }
}
