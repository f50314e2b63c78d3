package org.zonekeeper.api.fencing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A host's fencing topology: levels tried in order; every device of a level must succeed for the level to
 * succeed. Written {@code "ipmi-7; pdu-a,pdu-b"}: levels separated by {@code ;}, devices of a level by {@code ,}.
 */
public record FencingLevels(List<List<String>> levels) {

    public FencingLevels {
        levels = levels.stream().map(List::copyOf).toList();
    }

    public static FencingLevels none() {
        return new FencingLevels(List.of());
    }

    /** Parses the written form; throws IllegalArgumentException naming the bad part. */
    public static FencingLevels parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        List<List<String>> levels = new ArrayList<>();
        for (String level : text.split(";", -1)) {
            List<String> devices = Arrays.stream(level.split(",", -1)).map(String::trim).toList();
            if (devices.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("empty device name in fencing level " + (levels.size() + 1) + " of '"
                        + text + "'");
            }
            if (devices.stream().anyMatch(d -> !d.matches("[A-Za-z0-9_.-]+"))) {
                throw new IllegalArgumentException("fencing level " + (levels.size() + 1) + " of '" + text
                        + "': device names use letters, digits, '.', '_' and '-'");
            }
            levels.add(devices);
        }
        return new FencingLevels(levels);
    }

    public boolean isEmpty() {
        return levels.isEmpty();
    }

    public String format() {
        return levels.stream().map(l -> String.join(",", l)).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return format();
    }
}
