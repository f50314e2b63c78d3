package org.zonekeeper.zone.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.trust.Admission;

/** The checked content of {@link ZoneConfig}: a server starts only from one of these. */
public record ZoneSettings(ZoneServer self, List<ZoneServer> servers, boolean join, Path dataDir,
        DatabaseSettings database, Path tlsDir, Duration electionTimeout, Duration heartbeatInterval,
        Duration sessionTimeout, Duration requestTimeout, List<String> leaderHook, List<String> followerHook, Duration hookTimeout,
        int logSegmentEntries, Duration logCompactionInterval) {

    private static final Pattern SERVER = Pattern.compile("(\\d+)=([A-Za-z0-9._-]+)@(.+)");
    private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+\\]):(\\d{1,5})");

    public boolean solo() {
        return servers.size() == 1;
    }

    /** Whether the zone's mutual TLS is on ({@code tlsDir} is then this server's TLS directory). */
    public boolean tls() {
        return tlsDir != null;
    }

    /** What the replication engine needs of these settings, its member admitting whom {@code admission} admits. */
    MemberSettings member(Admission admission) {
        return new MemberSettings(self, servers, join, dataDir, admission, electionTimeout, heartbeatInterval,
                sessionTimeout, requestTimeout, logSegmentEntries, logCompactionInterval);
    }

    /** Checks every value; the first bad one is reported as {@link InvalidConfigException}. */
    public static ZoneSettings parse(Map<String, ?> properties, Path karafData) {
        ConfigValues values = new ConfigValues(ZoneConfig.PID, properties);
        int id = values.integer("server.id", -1, -1, 1_000_000);
        List<ZoneServer> servers = servers(values.string("servers", ""));
        ZoneServer self;
        if (id == -1 || servers.isEmpty()) {
            if (id != -1) {
                throw invalid("servers", "is empty but server.id is " + id
                        + "; list the zone's servers or set server.id = -1 to run solo");
            }
            String endpoint = values.string("solo.endpoint", "127.0.0.1:9700");
            checkEndpoint("solo.endpoint", endpoint);
            self = new ZoneServer(0, "solo", endpoint);
            servers = List.of(self);
        } else {
            self = servers.stream().filter(s -> s.id() == id).findFirst().orElseThrow(() -> invalid(
                    "server.id", id + " is not one of the ids in servers"));
        }
        String dataDir = values.string("data.dir", "");
        Path data = dataDir.isBlank() ? karafData.resolve("zonekeeper") : Path.of(dataDir);
        Duration election = values.millis("election.timeout.ms", 500, 50);
        Duration heartbeat = values.millis("heartbeat.interval.ms", 150, 10);
        if (heartbeat.compareTo(election) >= 0) {
            throw invalid("heartbeat.interval.ms", heartbeat.toMillis()
                    + " must be below election.timeout.ms (" + election.toMillis() + ")");
        }
        Path tls = values.bool("tls.enabled", true) ? home().resolve(values.string("tls.dir", "etc/tls")) : null;
        return new ZoneSettings(self, servers, values.bool("join", false), data, database(values, data), tls,
                election, heartbeat, values.millis("session.timeout.ms", 5000, 1000),
                values.millis("request.timeout.ms", 5000, 100),
                values.command("hook.leader"), values.command("hook.follower"),
                values.millis("hook.timeout.ms", 10000, 100),
                values.integer("log.segment.entries", 4096, 16, 1_000_000),
                values.millis("log.compaction.interval.ms", 60000, 100));
    }

    private static List<ZoneServer> servers(String text) {
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
                throw invalid("servers", "entry '" + entry + "' is not ID=NAME@HOST:PORT");
            }
            checkEndpoint("servers", m.group(3));
            ZoneServer server = new ZoneServer(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
            if (!ids.add(server.id()) || !names.add(server.name()) || !endpoints.add(server.endpoint())) {
                throw invalid("servers", "entry '" + entry + "' repeats an id, name or endpoint");
            }
            servers.add(server);
        }
        if (servers.size() > 1 && servers.size() % 2 == 0) {
            // an even zone tolerates no more failures than the odd one below it: allowed, but worth a word
            org.slf4j.LoggerFactory.getLogger(ZoneSettings.class)
                    .warn("{}: servers: {} servers tolerate as few failures as {}", ZoneConfig.PID, servers.size(),
                            servers.size() - 1);
        }
        return List.copyOf(servers);
    }

    /** HOST:PORT with room for the status port after it. */
    static boolean validEndpoint(String endpoint) {
        Matcher m = ENDPOINT.matcher(endpoint);
        return m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 65534;
    }

    private static void checkEndpoint(String key, String endpoint) {
        if (!validEndpoint(endpoint)) {
            throw invalid(key, "endpoint '" + endpoint + "' is not HOST:PORT with PORT 1-65534");
        }
    }

    private static DatabaseSettings database(ConfigValues values, Path data) {
        if (values.properties().containsKey("db.password")) {
            throw invalid("db.password", "passwords are not accepted here (config:list shows "
                    + "them): put it in a file readable by the server only and name it in db.password.file");
        }
        String type = values.string("db.type", "h2");
        switch (type) {
            case "h2":
                return DatabaseSettings.h2(data.resolve("db"));
            case "mysql":
                String url = values.string("db.url", "");
                if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://")) {
                    throw invalid("db.url", "'" + url + "' is not a jdbc:mysql:// URL "
                            + "(required with db.type = mysql)");
                }
                String user = values.string("db.user", "");
                if (user.isBlank()) {
                    throw invalid("db.user", "is empty (required with db.type = mysql)");
                }
                return DatabaseSettings.mysql(url.replace("jdbc:mariadb://", "jdbc:mysql://"), user,
                        values.secretFile("db.password.file", "", home()).reveal());
            default:
                throw invalid("db.type", "'" + type + "' is neither h2 nor mysql");
        }
    }

    @Override
    public String toString() {
        return "server " + self + " of " + servers + ", data " + dataDir + ", database " + database + ", TLS "
                + (tls() ? tlsDir : "off");
    }

    /** The distribution's directory, which relative file names start from. */
    private static Path home() {
        return Path.of(System.getProperty("karaf.home", "."));
    }

    private static InvalidConfigException invalid(String key, String problem) {
        return new InvalidConfigException(ZoneConfig.PID, key, problem);
    }
}
