package org.zonekeeper.api.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

public class ConfigCheckTest {
    private static final String PID = "org.zonekeeper.test";

    @interface Config {
        @Limits(min = 200, max = 3_600_000, unit = "ms")
        long interval_ms() default 3000;

        @Limits(min = 100, max = 3_600_000, unit = "ms")
        long probe_timeout_ms() default 2000;

        @Limits(min = 1, max = 100)
        int failures() default 3;

        boolean fencing() default true;

        @Limits(min = 0, max = 1, aboveMin = true)
        double max_failed_fraction() default 0.5;

        String command();

        String ssh_host$_$key() default "";
    }

    private static ConfigCheck<Config> check(Map<String, ?> properties) {
        return ConfigCheck.of(Config.class, PID, properties).rule("probe.timeout.ms",
                c -> c.probe_timeout_ms() > c.interval_ms()
                        ? Optional.of(c.probe_timeout_ms() + " must not exceed interval.ms (" + c.interval_ms() + ")")
                        : Optional.empty());
    }

    @Test
    public void everyBadKeyIsReportedAtOnceOneLineEach() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(Map.of("interval.ms", "50",
                "failures", "0", "fencing", "yes", "max.failed.fraction", "0", "command", "x")).orThrow());
        assertEquals(List.of("failures", "fencing", "interval.ms", "max.failed.fraction"),
                e.problems().stream().map(InvalidConfigException.Problem::key).toList());
        assertEquals(String.join("\n",
                PID + ": failures: 0 is out of range 1..100",
                PID + ": fencing: 'yes' is neither true nor false",
                PID + ": interval.ms: 50 ms is out of range 200..3600000",
                PID + ": max.failed.fraction: 0 is out of range: above 0 and at most 1"), e.getMessage());
        assertEquals(PID + ": failures: 0 is out of range 1..100; fencing: 'yes' is neither true nor false; "
                + "interval.ms: 50 ms is out of range 200..3600000; max.failed.fraction: 0 is out of range: above 0 "
                + "and at most 1", e.inOneLine());
    }

    @Test
    public void aValueSCRCannotConvertIsRefusedInOneLine() {
        assertEquals(PID + ": interval.ms: 'abc' is not a whole number",
                refusal(Map.of("interval.ms", "abc", "command", "x")));
        assertEquals("SCR's Long.parseLong does not trim", PID + ": interval.ms: '3000 ' has spaces around it (the "
                + "component would read it as written)", refusal(Map.of("interval.ms", "3000 ", "command", "x")));
        assertEquals(PID + ": fencing: ' true' has spaces around it (the component would read it as written)",
                refusal(Map.of("fencing", " true", "command", "x")));
        assertEquals(PID + ": failures: 5000000000 is out of range 1..100",
                refusal(Map.of("failures", 5_000_000_000L, "command", "x")));
        assertEquals(PID + ": max.failed.fraction: 'half' is not a decimal number",
                refusal(Map.of("max.failed.fraction", "half", "command", "x")));
        assertEquals(PID + ": failures: holds 2 values; one is expected",
                refusal(Map.of("failures", new String[] {"1", "2"}, "command", "x")));
    }

    @Test
    public void defaultsApplyForMissingKeysAndTypedValuesAreTaken() {
        Config c = check(Map.of("command", "x", "failures", 7L, "ssh.host-key", "SHA256:abc")).orThrow();
        assertEquals(3000, c.interval_ms());
        assertEquals(2000, c.probe_timeout_ms());
        assertEquals(7, c.failures());
        assertTrue(c.fencing());
        assertEquals(0.5, c.max_failed_fraction(), 0);
        assertEquals("x", c.command());
        assertEquals("$_$ maps to '-' as in DS 112.8.2.1", "SHA256:abc", c.ssh_host$_$key());
    }

    @Test
    public void aKeyWithoutDefaultIsRequired() {
        assertEquals(PID + ": command: is required", refusal(Map.of()));
        assertEquals(PID + ": command: is required", refusal(Map.of("command", "  ")));
    }

    @Test
    public void aCrossKeyRuleIsReportedWithTheOthers() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(Map.of("interval.ms",
                "1000", "probe.timeout.ms", "2000", "failures", "0", "command", "x")).orThrow());
        assertEquals(PID + ": failures: 0 is out of range 1..100\n"
                + PID + ": probe.timeout.ms: 2000 must not exceed interval.ms (1000)", e.getMessage());
    }

    @Test
    public void aRuleOnARefusedKeyAddsNothing() {
        assertEquals(PID + ": interval.ms: 'soon' is not a whole number",
                refusal(Map.of("interval.ms", "soon", "command", "x")));
    }

    @Test
    public void readersReportTheirProblemsWithTheOthers() {
        ConfigCheck<Config> check = check(Map.of("failures", "0", "command", "x"));
        assertEquals(null, check.read("command", c -> {
            throw new IllegalArgumentException("'" + c.command() + "' is not executable");
        }));
        check.read("secret.file", c -> {
            throw new InvalidConfigException(PID, "secret.file", "is open to others");
        });
        check.problem("password", "passwords are not accepted here");
        assertEquals(List.of("failures", "command", "secret.file", "password"), assertThrows(
                InvalidConfigException.class, check::orThrow).problems().stream()
                .map(InvalidConfigException.Problem::key).toList());
    }

    @Test
    public void keysAreNamedAsDeclarativeServicesNamesThem() {
        assertEquals("interval.ms", PropertyName.of("interval_ms"));
        assertEquals("ssh.host-key", PropertyName.of("ssh_host$_$key"));
        assertEquals("a$b", PropertyName.of("a$$b"));
        assertEquals("ab", PropertyName.of("a$b"));
        assertEquals("a_b", PropertyName.of("a__b"));
    }

    private static String refusal(Map<String, ?> properties) {
        return assertThrows(InvalidConfigException.class, () -> check(properties).orThrow()).getMessage();
    }
}
