package org.zonekeeper.hooks.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.zonekeeper.api.ZoneEvent;

/** The event names a hook subscribes to: exact names such as {@code HOST/ERROR}, {@code TYPE/*}, or {@code LEADER}. */
record Subscriptions(List<String> names) {

    /** The event a server's hook engine raises when it becomes leader; not in the replicated log. */
    static final String LEADER = "LEADER";

    private static final Pattern NAME = Pattern.compile("[A-Z]+/(\\*|[A-Za-z_]+)|" + LEADER);

    Subscriptions {
        names = List.copyOf(names);
    }

    /** From a comma-separated list; throws IllegalArgumentException naming the first bad entry. */
    static Subscriptions parse(String text) {
        return of(List.of(text.split(",")));
    }

    static Subscriptions of(Collection<String> entries) {
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            String name = entry.trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not an event name (TYPE/WHAT such as "
                        + "HOST/ERROR, TYPE/*, or LEADER)");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no event named");
        }
        return new Subscriptions(names);
    }

    boolean matches(ZoneEvent event) {
        String name = event.name();
        for (String wanted : names) {
            if (wanted.equals(name) || wanted.endsWith("/*")
                    && name.startsWith(wanted.substring(0, wanted.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
