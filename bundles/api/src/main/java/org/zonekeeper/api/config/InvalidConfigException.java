package org.zonekeeper.api.config;

import java.util.List;
import java.util.stream.Collectors;

import org.zonekeeper.api.ZoneException;

/**
 * A configuration that cannot be used, with every bad key: the message holds one line {@code PID: KEY: problem} per
 * problem, {@link #inOneLine()} puts them on one line for a log or a listing.
 */
public class InvalidConfigException extends ZoneException {
    private static final long serialVersionUID = 1L;

    /** One bad key and the rule it breaks, in words: {@code "50 ms is out of range 200..3600000"}. */
    public record Problem(String key, String rule) {
    }

    private final String pid;
    private final List<Problem> problems;

    public InvalidConfigException(String pid, String key, String problem) {
        this(pid, List.of(new Problem(key, problem)));
    }

    /** {@code problems} must not be empty. */
    public InvalidConfigException(String pid, List<Problem> problems) {
        super(problems.stream().map(p -> pid + ": " + p.key() + ": " + p.rule()).collect(Collectors.joining("\n")));
        this.pid = pid;
        this.problems = List.copyOf(problems);
    }

    /** The first bad key. */
    public String key() {
        return problems.get(0).key();
    }

    /** Every problem, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /** {@code "PID: KEY: problem; KEY: problem"}: every problem in one line. */
    public String inOneLine() {
        return pid + ": " + problems.stream().map(p -> p.key() + ": " + p.rule()).collect(Collectors.joining("; "));
    }
}
