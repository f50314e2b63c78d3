package org.zonekeeper.zone.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zonekeeper.api.ZoneServer;

/**
 * The format of the {@code servers} key, {@code ID=NAME@HOST:PORT} entries separated by commas, and of an endpoint
 * {@code HOST:PORT} (also {@code solo.endpoint} and {@code zone:server-add}'s): PORT is the Raft port, and the
 * status service listens on PORT+1, so PORT is at most 65534.
 */
final class ServerList {

    private static final Pattern SERVER = Pattern.compile("(\\d+)=([A-Za-z0-9._-]+)@(.+)");
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+\\]):(\\d{1,5})");

    private ServerList() {
    }

    /**
     * The servers {@code text} lists, in its order; empty for a blank text.
     *
     * @throws IllegalArgumentException naming the first entry that is not {@code ID=NAME@HOST:PORT}, or that
     *         repeats an id, name or endpoint
     */
    static List<ZoneServer> parse(String text) {
        List<ZoneServer> servers = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (String entry : text.split(",")) {
            entry = entry.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = SERVER.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("entry '" + entry + "' is not ID=NAME@HOST:PORT");
            }
            String problem = endpointProblem(m.group(3));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            ZoneServer server = new ZoneServer(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
            if (!ids.add(server.id()) || !names.add(server.name()) || !endpoints.add(server.endpoint())) {
                throw new IllegalArgumentException("entry '" + entry + "' repeats an id, name or endpoint");
            }
            servers.add(server);
        }
        return List.copyOf(servers);
    }

    /** What is wrong with {@code endpoint} as {@code HOST:PORT} with room for the status port; null if nothing. */
    static String endpointProblem(String endpoint) {
        Matcher m = ENDPOINT.matcher(endpoint);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 65534) {
            return null;
        }
        return "endpoint '" + endpoint + "' is not HOST:PORT with PORT 1-65534";
    }
}
