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

public class ScriptHookSettingsTest {
    private static final Path SCRIPTS = Path.of("/opt/zk/hook-scripts");

    private static Map<String, Object> config(String... pairs) {
        Map<String, Object> map = new HashMap<>();
        map.put("felix.fileinstall.filename", "file:/opt/zk/etc/org.zonekeeper.hook-pager.cfg");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    public void aConfigurationIsReadWithItsDefaults() {
        ScriptHookSettings s = ScriptHookSettings.parse(config("events", "HOST/ERROR,HOST/FENCE_FAILED",
                "command", "notify/pager.sh", "arguments", "$ID  $TEMPLATE"), SCRIPTS);
        assertEquals("pager", s.name());
        assertEquals(List.of("HOST/ERROR", "HOST/FENCE_FAILED"), s.events().names());
        assertEquals(SCRIPTS.resolve("notify/pager.sh"), s.command());
        assertEquals(List.of("$ID", "$TEMPLATE"), s.arguments());
        assertEquals(Duration.ofSeconds(60), s.timeout());
        assertEquals(0, s.retries());
        assertEquals(Path.of("/usr/local/bin/x"), ScriptHookSettings.parse(config("events", "VM/*", "command",
                "/usr/local/bin/x"), SCRIPTS).command());
    }

    @Test
    public void aBadValueIsRefusedInOneLineNamingTheFileAndKey() {
        assertEquals("org.zonekeeper.hook-pager: timeout.ms: 'ten' is not a whole number",
                assertThrows(ZoneException.class, () -> ScriptHookSettings.parse(config("events", "HOST/ERROR",
                        "command", "x.sh", "timeout.ms", "ten"), SCRIPTS)).getMessage());
        assertEquals("org.zonekeeper.hook-pager: events: 'ERROR' is not an event name (TYPE/WHAT such as "
                + "HOST/ERROR, TYPE/*, or LEADER)", assertThrows(ZoneException.class,
                        () -> ScriptHookSettings.parse(config("events", "ERROR", "command", "x.sh"), SCRIPTS))
                        .getMessage());
        assertEquals("org.zonekeeper.hook-pager: command: is required", assertThrows(ZoneException.class,
                () -> ScriptHookSettings.parse(config("events", "HOST/ERROR"), SCRIPTS)).getMessage());
    }

    @Test
    public void placeholdersAreReplacedInTheArguments() {
        ZoneEvent e = new ZoneEvent(42, 0, "HOST/ERROR", "HOST", 7, "kvm-7");
        assertEquals("7:kvm-7:HOST:HOST/ERROR:42:T", ScriptHook.expand("$ID:$NAME:$TYPE:$EVENT:$EVENT_ID:$TEMPLATE",
                e, "T"));
        ScriptHook hook = new ScriptHook(ScriptHookSettings.parse(config("events", "HOST/ERROR", "command", "x.sh",
                "arguments", "$NAME $TEMPLATE"), SCRIPTS));
        assertEquals("the recorded arguments leave the document out", "kvm-7 $TEMPLATE", hook.arguments(e));
    }
}
