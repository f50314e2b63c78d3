package org.zonekeeper.store.internal;

import static org.zonekeeper.api.Field.ADDRESS;
import static org.zonekeeper.api.Field.ARGUMENTS;
import static org.zonekeeper.api.Field.CLUSTER;
import static org.zonekeeper.api.Field.CURSOR;
import static org.zonekeeper.api.Field.ENDPOINT;
import static org.zonekeeper.api.Field.EVENT;
import static org.zonekeeper.api.Field.FENCING_LEVELS;
import static org.zonekeeper.api.Field.HOOK_NAME;
import static org.zonekeeper.api.Field.HOST_NAME;
import static org.zonekeeper.api.Field.IM;
import static org.zonekeeper.api.Field.OBJECT_TYPE;
import static org.zonekeeper.api.Field.OUTPUT;
import static org.zonekeeper.api.Field.REASON;
import static org.zonekeeper.api.Field.SERVER_NAME;
import static org.zonekeeper.api.Field.STATE;
import static org.zonekeeper.api.Field.STEP;
import static org.zonekeeper.api.Field.TEMPLATE;
import static org.zonekeeper.api.Field.VMM;
import static org.zonekeeper.api.Field.VM_NAME;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.zonekeeper.api.Field;
import org.zonekeeper.store.DatabaseType;
import org.zonekeeper.store.StoreException;

/**
 * The tables of the replicated model. Text columns are as wide as their {@link Field}; on MySQL/MariaDB every table
 * is {@code utf8mb4} with the binary collation, so both products store and compare the same characters the same
 * way (names are compared by the rules through their {@code name_key}, never by the collation).
 */
public final class Schema {

    /**
     * The version of these tables. A database of version 2 or 3 is brought to 4 when opened (3 added the table
     * zk_leader; 4 added zk_host.fencing_attempt, zk_vm.placement (0 for rows written before), zk_vm.ha (true),
     * zk_vm.priority (0) and zk_leader.rules (1)); one holding any other version is refused.
     */
    public static final int VERSION = 4;

    /** What brings a database of version 3 to 4; new columns go last, so snapshots of both list them alike. */
    private static final List<String> TO_4 = List.of(
            "ALTER TABLE zk_host ADD COLUMN fencing_attempt BIGINT DEFAULT 0 NOT NULL",
            "ALTER TABLE zk_vm ADD COLUMN placement BIGINT DEFAULT 0 NOT NULL",
            "ALTER TABLE zk_vm ADD COLUMN ha BOOLEAN DEFAULT TRUE NOT NULL",
            "ALTER TABLE zk_vm ADD COLUMN priority INT DEFAULT 0 NOT NULL");

    /** What brings zk_leader of version 3 to 4 (a database of version 2 has none yet: it is created as of 4). */
    private static final String LEADER_TO_4 = "ALTER TABLE zk_leader ADD COLUMN rules INT DEFAULT 1 NOT NULL";

    /** Replicated tables with their primary key, in snapshot and digest order. */
    public static final List<String[]> TABLES = List.of(
            new String[] {"zk_sequence", "name"},
            new String[] {"zk_host", "id"},
            new String[] {"zk_vm", "id"},
            new String[] {"zk_server", "id"},
            new String[] {"zk_event", "id"},
            new String[] {"zk_hook_exec", "id"},
            new String[] {"zk_cursor", "name"},
            new String[] {"zk_recovery", "host_id"},
            new String[] {"zk_request", "log_index, request_id"},
            new String[] {"zk_leader", "id"});

    /** Every table, replicated or local. */
    public static final List<String> ALL = Stream.concat(Stream.of("zk_applied", "zk_schema"),
            TABLES.stream().map(t -> t[0])).toList();

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS zk_applied (id INT PRIMARY KEY, log_index BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_schema (id INT PRIMARY KEY, version INT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_sequence (name VARCHAR(32) PRIMARY KEY, next_id BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_host (id BIGINT PRIMARY KEY, name " + text(HOST_NAME) + ","
                    + " name_key " + text(HOST_NAME) + " UNIQUE, state " + text(STATE) + ","
                    + " cluster_name " + text(CLUSTER) + ", cpu INT NOT NULL, memory_mb BIGINT NOT NULL,"
                    + " vmm_driver " + text(VMM) + ", im_driver " + text(IM) + ", enabled BOOLEAN NOT NULL,"
                    + " updated BIGINT NOT NULL, fencing_levels " + text(FENCING_LEVELS) + ","
                    + " monitored BIGINT NOT NULL, address " + text(ADDRESS) + ", fencing_attempt BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_vm (id BIGINT PRIMARY KEY, name " + text(VM_NAME) + ","
                    + " name_key " + text(VM_NAME) + " UNIQUE, state " + text(STATE) + ", host_id BIGINT NOT NULL,"
                    + " cpu INT NOT NULL, memory_mb BIGINT NOT NULL, disk_mb BIGINT NOT NULL,"
                    + " template " + text(TEMPLATE) + ", updated BIGINT NOT NULL, placement BIGINT NOT NULL,"
                    + " ha BOOLEAN NOT NULL, priority INT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_server (id INT PRIMARY KEY, name " + text(SERVER_NAME) + ","
                    + " name_key " + text(SERVER_NAME) + " UNIQUE, endpoint " + text(ENDPOINT) + ")",
            "CREATE TABLE IF NOT EXISTS zk_event (id BIGINT PRIMARY KEY, event_time BIGINT NOT NULL,"
                    + " name " + text(EVENT) + ", object_type " + text(OBJECT_TYPE) + ", object_id BIGINT NOT NULL,"
                    + " object_name " + text(HOST_NAME) + ")",
            "CREATE TABLE IF NOT EXISTS zk_hook_exec (id BIGINT PRIMARY KEY, hook " + text(HOOK_NAME) + ","
                    + " event_id BIGINT NOT NULL, event " + text(EVENT) + ", object_type " + text(OBJECT_TYPE) + ","
                    + " object_id BIGINT NOT NULL, object_name " + text(HOST_NAME) + ","
                    + " arguments " + text(ARGUMENTS) + ", started BIGINT NOT NULL, ended BIGINT NOT NULL,"
                    + " state " + text(STATE) + ", exit_code INT NOT NULL, stdout " + text(OUTPUT) + ","
                    + " stderr " + text(OUTPUT) + ", reason " + text(REASON) + ", attempt INT NOT NULL,"
                    + " retry_of BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_cursor (name " + text(CURSOR) + " PRIMARY KEY, event_id BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_recovery (host_id BIGINT PRIMARY KEY, host_name " + text(HOST_NAME) + ","
                    + " step " + text(STEP) + ", attempts INT NOT NULL, started BIGINT NOT NULL,"
                    + " updated BIGINT NOT NULL, detail " + text(REASON) + ")",
            "CREATE TABLE IF NOT EXISTS zk_request (request_id VARCHAR(36) NOT NULL UNIQUE,"
                    + " log_index BIGINT NOT NULL, outcome %BLOB% NOT NULL, PRIMARY KEY (log_index, request_id))",
            "CREATE TABLE IF NOT EXISTS zk_leader (id INT PRIMARY KEY, term BIGINT NOT NULL, server "
                    + text(SERVER_NAME) + ", rules INT NOT NULL)");

    private Schema() {
    }

    private static String text(Field field) {
        return "VARCHAR(" + field.max() + ") NOT NULL";
    }

    /** Creates what is missing; refuses a database written by another version of the tables. */
    public static void create(Connection connection, DatabaseType type) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean versioned = exists(connection, "zk_schema");
            boolean older = !versioned && exists(connection, "zk_host");
            int found = versioned ? storedVersion(statement, 0) : older ? 1 : 0;
            if (found == 2 || found == 3) {
                for (String alter : TO_4) {
                    statement.execute(alter);
                }
                if (found == 3) {
                    statement.execute(LEADER_TO_4);
                }
                // the DDL below creates zk_leader if it is missing (version 2), empty: no term was claimed yet
                statement.executeUpdate("UPDATE zk_schema SET version = " + VERSION + " WHERE id = 1");
            }
            for (String ddl : DDL) {
                statement.execute(forProduct(ddl, type));
            }
            int version = older ? 1 : storedVersion(statement, VERSION);
            if (version != VERSION) {
                connection.rollback();
                throw new StoreException("the database holds zonekeeper tables of version " + version
                        + " and this server needs version " + VERSION + ": give it an empty database (it catches up"
                        + " from the zone); see docs/operations.md, 'Upgrading'", null);
            }
        }
        connection.commit();
    }

    /** Checks that every table answers, creating nothing; returns the committed applied index. */
    public static long probe(Connection connection) {
        JdbcTables tables = new JdbcTables(connection);
        for (String table : ALL) {
            tables.query("SELECT 1 FROM " + table + " WHERE 1 = 0", rs -> 1);
        }
        List<Long> applied = tables.query("SELECT log_index FROM zk_applied WHERE id = 1", rs -> rs.getLong(1));
        return applied.isEmpty() ? 0 : applied.get(0);
    }

    /** The stored version; if none is stored yet, {@code fresh} is stored (unless 0) and returned. */
    private static int storedVersion(Statement statement, int fresh) throws SQLException {
        try (var rs = statement.executeQuery("SELECT version FROM zk_schema WHERE id = 1")) {
            if (rs.next()) {
                return rs.getInt(1);
            }
        }
        if (fresh != 0) {
            statement.executeUpdate("INSERT INTO zk_schema (id, version) VALUES (1, " + fresh + ")");
        }
        return fresh;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException missing) {
            connection.rollback();
            return false;
        }
    }

    private static String forProduct(String ddl, DatabaseType type) {
        if (type == DatabaseType.H2) {
            return ddl.replace("%BLOB%", "BLOB");
        }
        return ddl.replace("%BLOB%", "MEDIUMBLOB") + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }
}
