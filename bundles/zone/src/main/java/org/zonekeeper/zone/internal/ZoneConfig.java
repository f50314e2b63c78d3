package org.zonekeeper.zone.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.zonekeeper.api.config.Limits;

/**
 * {@code etc/org.zonekeeper.zone.cfg}, the one declaration of its keys, defaults and ranges; injected into
 * {@link ZoneServerComponent} and checked, with the rules between keys, by {@link ZoneSettings#of} before it is used.
 * Kept out of the component to keep that class small.
 */
@ObjectClassDefinition(id = "org.zonekeeper.zone", name = "zonekeeper zone server",
        description = "This front-end server, the zone's servers, Raft timing, the local database and role hooks.")
@interface ZoneConfig {
    String PID = "org.zonekeeper.zone";

    @AttributeDefinition(name = "server.id", description = "This server's id in the servers list; -1 runs solo.")
    @Limits(min = -1, max = 1_000_000)
    int server_id() default -1;

    @AttributeDefinition(name = "servers", description = "The zone's servers, comma separated ID=NAME@HOST:PORT "
            + "(PORT is the Raft port; the status service listens on PORT+1). Empty runs solo.")
    String servers() default "";

    @AttributeDefinition(name = "solo.endpoint", description = "Raft endpoint HOST:PORT of a solo server.")
    String solo_endpoint() default "127.0.0.1:9700";

    @AttributeDefinition(name = "join", description = "Join an existing zone (a server added with "
            + "zone:server-add) instead of bootstrapping a new one.")
    boolean join() default false;

    @AttributeDefinition(name = "data.dir", description = "Directory of the Raft log and of the embedded database; "
            + "default ${karaf.data}/zonekeeper.")
    String data_dir() default "";

    @AttributeDefinition(name = "db.type", description = "Local database: h2 (embedded) or mysql (MySQL/MariaDB).",
            options = {})
    String db_type() default "h2";

    @AttributeDefinition(name = "db.url", description = "JDBC URL of the mysql database, one per server.")
    String db_url() default "";

    @AttributeDefinition(name = "db.user", description = "Database user for mysql.")
    String db_user() default "";

    @AttributeDefinition(name = "db.password.file", description = "File holding the database password (its "
            + "first line), readable by the server only. A password in this configuration would show in "
            + "config:list, so db.password is refused.")
    String db_password_file() default "";

    @AttributeDefinition(name = "tls.enabled", description = "Mutual TLS 1.3 on the Raft and status ports: only "
            + "holders of a certificate of the zone's CA get in, and only servers of the zone and clients are "
            + "admitted (docs/security.md). false admits whoever reaches the ports: only on a network nobody "
            + "else reaches.")
    boolean tls_enabled() default true;

    @AttributeDefinition(name = "tls.dir", description = "This server's ca.crt, node.crt and node.key (mode 0600), "
            + "made with bin/zone-tls; relative to the distribution. A solo server with none creates its own CA "
            + "(in DIR/ca) and certificate on first start.")
    String tls_dir() default "etc/tls";

    @AttributeDefinition(name = "election.timeout.ms", description = "Raft election timeout; a dead leader is "
            + "replaced after one to two of these.")
    @Limits(min = 50, max = 3_600_000, unit = "ms")
    long election_timeout_ms() default 500;

    @AttributeDefinition(name = "heartbeat.interval.ms", description = "Leader heartbeat; below the election timeout.")
    @Limits(min = 10, max = 3_600_000, unit = "ms")
    long heartbeat_interval_ms() default 150;

    @AttributeDefinition(name = "session.timeout.ms", description = "Raft client session timeout.")
    @Limits(min = 1000, max = 3_600_000, unit = "ms")
    long session_timeout_ms() default 5000;

    @AttributeDefinition(name = "request.timeout.ms", description = "How long a write or consistent read waits for "
            + "a leader before failing with 'no leader elected'.")
    @Limits(min = 100, max = 3_600_000, unit = "ms")
    long request_timeout_ms() default 5000;

    @AttributeDefinition(name = "hook.leader.command", description = "Command run when this server becomes leader.")
    String hook_leader_command() default "";

    @AttributeDefinition(name = "hook.leader.arguments", description = "Its arguments, separated by spaces.")
    String hook_leader_arguments() default "";

    @AttributeDefinition(name = "hook.follower.command", description = "Command run when this server becomes "
            + "follower, also at start and after stepping down.")
    String hook_follower_command() default "";

    @AttributeDefinition(name = "hook.follower.arguments", description = "Its arguments, separated by spaces.")
    String hook_follower_arguments() default "";

    @AttributeDefinition(name = "hook.timeout.ms", description = "A role hook still running after this is killed.")
    @Limits(min = 100, max = 3_600_000, unit = "ms")
    long hook_timeout_ms() default 10000;

    @AttributeDefinition(name = "log.segment.entries", description = "Raft log entries per segment file; a full "
            + "segment is covered by a snapshot of the database and then compacted away.")
    @Limits(min = 16, max = 1_000_000)
    int log_segment_entries() default 4096;

    @AttributeDefinition(name = "log.compaction.interval.ms", description = "How often the Raft log is compacted "
            + "(entries covered by a snapshot removed); a server that was away longer catches up by snapshot.")
    @Limits(min = 100, max = 3_600_000, unit = "ms")
    long log_compaction_interval_ms() default 60000;
}
