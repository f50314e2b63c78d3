package org.zonekeeper.zone.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.LoggerFactory;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.InvalidConfigException;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.trust.Admission;

/**
 * What this server runs with, made from its checked {@link ZoneConfig}: the zone's servers and this one among them
 * (a solo server alone), the directories, the local database, the durations, the role hooks as command lines. A
 * server starts only from one of these.
 */
public record ZoneSettings(ZoneServer self, List<ZoneServer> servers, boolean join, Path dataDir,
        DatabaseSettings database, Path tlsDir, Duration electionTimeout, Duration heartbeatInterval,
        Duration sessionTimeout, Duration requestTimeout, List<String> leaderHook, List<String> followerHook, Duration hookTimeout,
        int logSegmentEntries, Duration logCompactionInterval) {

    public boolean solo() {
        return servers.size() == 1;
    }

    /** Whether the zone's mutual TLS is on ({@code tlsDir} is then this server's TLS directory). */
    public boolean tls() {
        return tlsDir != null;
    }

    /** These settings with the local database {@code other} (the testkit's in-memory zone: an H2 memory one). */
    public ZoneSettings withDatabase(DatabaseSettings other) {
        return new ZoneSettings(self, servers, join, dataDir, other, tlsDir, electionTimeout, heartbeatInterval,
                sessionTimeout, requestTimeout, leaderHook, followerHook, hookTimeout, logSegmentEntries,
                logCompactionInterval);
    }

    /** What the replication engine needs of these settings, its member admitting whom {@code admission} admits. */
    MemberSettings member(Admission admission) {
        return new MemberSettings(self, servers, join, dataDir, admission, electionTimeout, heartbeatInterval,
                sessionTimeout, requestTimeout, logSegmentEntries, logCompactionInterval);
    }

    /**
     * The settings {@code config} holds, once {@code properties} (the same configuration, raw) check out against
     * {@link ZoneConfig} and the rules between its keys: server.id is -1 (solo, on solo.endpoint) or one of the ids
     * in servers, the heartbeat is below the election timeout, and the database keys fit db.type
     * ({@link DatabaseKeys}). A blank data.dir is {@code karafData/zonekeeper}; tls.dir and db.password.file are
     * relative to the distribution's directory.
     *
     * @throws InvalidConfigException naming every bad key, one line each
     */
    static ZoneSettings of(ZoneConfig config, Map<String, ?> properties, Path karafData) {
        Path home = Path.of(System.getProperty("karaf.home", "."));
        ConfigCheck<ZoneConfig> check = ConfigCheck.of(ZoneConfig.class, ZoneConfig.PID, properties);
        List<ZoneServer> listed = check.read("servers", c -> ServerList.parse(c.servers()));
        check.rule("servers", c -> c.server_id() != -1 && listed != null && listed.isEmpty()
                ? Optional.of("is empty but server.id is " + c.server_id()
                        + "; list the zone's servers or set server.id = -1 to run solo")
                : Optional.empty());
        check.rule("server.id", c -> c.server_id() != -1 && listed != null && !listed.isEmpty()
                && listed.stream().noneMatch(s -> s.id() == c.server_id())
                ? Optional.of(c.server_id() + " is not one of the ids in servers") : Optional.empty());
        check.rule("solo.endpoint", c -> c.server_id() == -1
                ? Optional.ofNullable(ServerList.endpointProblem(c.solo_endpoint().trim())) : Optional.empty());
        check.rule("heartbeat.interval.ms", c -> c.heartbeat_interval_ms() >= c.election_timeout_ms()
                ? Optional.of(c.heartbeat_interval_ms() + " must be below election.timeout.ms ("
                        + c.election_timeout_ms() + ")")
                : Optional.empty());
        Path data = check.read("data.dir", c -> c.data_dir().isBlank() ? karafData.resolve("zonekeeper")
                : Path.of(c.data_dir().trim()));
        Path tls = check.read("tls.dir", c -> c.tls_enabled() ? home.resolve(c.tls_dir().trim()) : null);
        Secret password = DatabaseKeys.check(check, properties, home);
        check.orThrow();
        ZoneServer self = config.server_id() == -1 ? new ZoneServer(0, "solo", config.solo_endpoint().trim())
                : listed.stream().filter(s -> s.id() == config.server_id()).findFirst().orElseThrow();
        List<ZoneServer> servers = config.server_id() == -1 ? List.of(self) : listed;
        if (servers.size() > 1 && servers.size() % 2 == 0) {
            // an even zone tolerates no more failures than the odd one below it: allowed, but worth a word
            LoggerFactory.getLogger(ZoneSettings.class).warn("{}: servers: {} servers tolerate as few failures as {}",
                    ZoneConfig.PID, servers.size(), servers.size() - 1);
        }
        return new ZoneSettings(self, servers, config.join(), data, DatabaseKeys.settings(config, data, password),
                tls, ms(config.election_timeout_ms()), ms(config.heartbeat_interval_ms()),
                ms(config.session_timeout_ms()), ms(config.request_timeout_ms()),
                command(config.hook_leader_command(), config.hook_leader_arguments()),
                command(config.hook_follower_command(), config.hook_follower_arguments()),
                ms(config.hook_timeout_ms()), config.log_segment_entries(), ms(config.log_compaction_interval_ms()));
    }

    /**
     * {@link #of} with the checked {@code properties} standing in for the injected configuration, as in a test.
     *
     * @throws InvalidConfigException naming every bad key, one line each
     */
    public static ZoneSettings parse(Map<String, ?> properties, Path karafData) {
        return of(ConfigCheck.of(ZoneConfig.class, ZoneConfig.PID, properties).config(), properties, karafData);
    }

    /** The command line of a role hook: the command, then its whitespace-separated arguments; empty if no command. */
    private static List<String> command(String command, String arguments) {
        if (command.isBlank()) {
            return List.of();
        }
        List<String> line = new ArrayList<>(List.of(command.trim()));
        if (!arguments.isBlank()) {
            line.addAll(List.of(arguments.trim().split("\\s+")));
        }
        return List.copyOf(line);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Override
    public String toString() {
        return "server " + self + " of " + servers + ", data " + dataDir + ", database " + database + ", TLS "
                + (tls() ? tlsDir : "off");
    }
}
