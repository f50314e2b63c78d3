package org.zonekeeper.store;

import java.nio.file.Path;

/**
 * Where the local database lives. For {@code h2} only {@code dataDir} matters; for {@code mysql}
 * {@code url}, {@code user} and {@code password} are used.
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
        return type == DatabaseType.H2 ? "h2 " + dataDir : "mysql " + url + " user " + user;
    }
}
