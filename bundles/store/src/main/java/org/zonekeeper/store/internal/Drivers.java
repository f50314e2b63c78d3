package org.zonekeeper.store.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import org.zonekeeper.store.DatabaseSettings;

/** Opens connections with the driver classes themselves: DriverManager does not see other bundles. */
public final class Drivers {

    private Drivers() {
    }

    public static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties properties = new Properties();
        return switch (settings.type()) {
            case H2 -> new org.h2.Driver().connect(settings.url() != null ? settings.url()
                    : "jdbc:h2:file:" + settings.dataDir().resolve("zone").toAbsolutePath()
                            + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64", // every statement of an apply stays parsed
                    properties);
            case MYSQL -> {
                properties.setProperty("user", settings.user());
                properties.setProperty("password", settings.password() == null ? "" : settings.password());
                // every text travels as utf8mb4 and compares byte for byte, as on H2, whatever the server's defaults
                properties.setProperty("characterEncoding", "UTF-8");
                properties.setProperty("connectionCollation", "utf8mb4_bin");
                // the statements of an apply are parsed once; snapshot rows are inserted in multi-row batches
                properties.setProperty("cachePrepStmts", "true");
                properties.setProperty("prepStmtCacheSize", "64");
                properties.setProperty("rewriteBatchedStatements", "true");
                Driver driver = new com.mysql.cj.jdbc.Driver();
                Connection connection = driver.connect(settings.url(), properties);
                if (connection == null) {
                    throw new SQLException("not a MySQL JDBC URL: " + settings.url());
                }
                yield connection;
            }
        };
    }
}
