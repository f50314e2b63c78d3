package org.zonekeeper.store;

import java.nio.file.Path;

/**
 * Where the local database lives. For {@code h2}, {@code dataDir}, or {@code url} when it is set (a
 * {@code jdbc:h2:mem:} database of the testkit's in-memory zone); for {@code mysql} {@code url}, {@code user} and
 * {@code password} are used.
 */
public record DatabaseSettings(DatabaseType type, Path dataDir, String url, String user, String password) {

    public static DatabaseSettings h2(Path dataDir) {
        return new DatabaseSettings(DatabaseType.H2, dataDir, null, null, null);
    }

    public static DatabaseSettings mysql(String url, String user, String password) {
        return new DatabaseSettings(DatabaseType.MYSQL, null, url, user, password);
    }

    @Override
    public String toString() {
        return type == DatabaseType.H2 ? "h2 " + (url != null ? url : dataDir) : "mysql " + url + " user " + user;
    }
}
