package org.zonekeeper.api;

import java.util.List;

/**
 * A hook known to this server: a script hook from {@code etc/org.zonekeeper.hook-NAME.cfg} or a bundle hook
 * service. {@code problem} is the one-line reason it cannot run (a bad configuration value, a missing script), or
 * null when it is ready.
 */
public record HookInfo(String name, Kind kind, List<String> events, String target, String problem) {

    public enum Kind {
        SCRIPT, BUNDLE
    }

    public HookInfo {
        events = List.copyOf(events);
    }
}
