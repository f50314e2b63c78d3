package org.zonekeeper.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The tables of the replicated model; the same SQL runs on H2 and MySQL/MariaDB. */
public final class Schema {

    /** Replicated tables with their primary key, in snapshot and digest order. */
    public static final List<String[]> TABLES = List.of(
            new String[] {"zk_sequence", "name"},
            new String[] {"zk_host", "id"},
            new String[] {"zk_vm", "id"},
            new String[] {"zk_server", "id"},
            new String[] {"zk_event", "id"},
            new String[] {"zk_hook_exec", "id"},
            new String[] {"zk_cursor", "name"},
            new String[] {"zk_recovery", "host_id"});

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS zk_applied (id INT PRIMARY KEY, log_index BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_sequence (name VARCHAR(32) PRIMARY KEY, next_id BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_host (id BIGINT PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE,"
                    + " state VARCHAR(16) NOT NULL, cluster_name VARCHAR(128) NOT NULL, cpu INT NOT NULL,"
                    + " memory_mb BIGINT NOT NULL, vmm_driver VARCHAR(64) NOT NULL, im_driver VARCHAR(64) NOT NULL,"
                    + " enabled BOOLEAN NOT NULL, updated BIGINT NOT NULL, fencing_levels VARCHAR(2000) NOT NULL, monitored BIGINT NOT NULL,"
                    + " address VARCHAR(255) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_vm (id BIGINT PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE,"
                    + " state VARCHAR(16) NOT NULL, host_id BIGINT NOT NULL, cpu INT NOT NULL,"
                    + " memory_mb BIGINT NOT NULL, disk_mb BIGINT NOT NULL, template VARCHAR(4000) NOT NULL,"
                    + " updated BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_server (id INT PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE,"
                    + " endpoint VARCHAR(255) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_event (id BIGINT PRIMARY KEY, event_time BIGINT NOT NULL,"
                    + " name VARCHAR(64) NOT NULL, object_type VARCHAR(16) NOT NULL, object_id BIGINT NOT NULL,"
                    + " object_name VARCHAR(128) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_hook_exec (id BIGINT PRIMARY KEY, hook VARCHAR(128) NOT NULL,"
                    + " event_id BIGINT NOT NULL, event VARCHAR(64) NOT NULL, object_type VARCHAR(16) NOT NULL,"
                    + " object_id BIGINT NOT NULL, object_name VARCHAR(128) NOT NULL, arguments VARCHAR(4000) NOT NULL,"
                    + " started BIGINT NOT NULL, ended BIGINT NOT NULL, state VARCHAR(16) NOT NULL,"
                    + " exit_code INT NOT NULL, stdout VARCHAR(4096) NOT NULL, stderr VARCHAR(4096) NOT NULL,"
                    + " reason VARCHAR(1000) NOT NULL, attempt INT NOT NULL, retry_of BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_cursor (name VARCHAR(64) PRIMARY KEY, event_id BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS zk_recovery (host_id BIGINT PRIMARY KEY, host_name VARCHAR(128) NOT NULL,"
                    + " step VARCHAR(32) NOT NULL, attempts INT NOT NULL, started BIGINT NOT NULL,"
                    + " updated BIGINT NOT NULL, detail VARCHAR(1000) NOT NULL)");

    private Schema() {
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
        connection.commit();
    }
}
