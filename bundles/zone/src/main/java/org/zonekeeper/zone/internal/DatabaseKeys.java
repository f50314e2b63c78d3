package org.zonekeeper.zone.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.zonekeeper.api.config.ConfigCheck;
import org.zonekeeper.api.config.ConfigValues;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.store.DatabaseSettings;

/**
 * The local database keys of {@link ZoneConfig}: db.type is h2 or mysql; with mysql, db.url is a
 * {@code jdbc:mysql://} (or {@code jdbc:mariadb://}) URL, db.user is set and db.password.file, if set, names a file
 * only the server may read. A db.password key is refused: config:list would show it.
 */
final class DatabaseKeys {

    private DatabaseKeys() {
    }

    /**
     * Adds the rules of the database keys to {@code check}; the password read from db.password.file (relative to
     * {@code home}), none with h2, or null when that key is refused.
     */
    static Secret check(ConfigCheck<ZoneConfig> check, Map<String, ?> properties, Path home) {
        if (properties.containsKey("db.password")) {
            check.problem("db.password", "passwords are not accepted here (config:list shows them): put it in a "
                    + "file readable by the server only and name it in db.password.file");
        }
        check.rule("db.type", c -> c.db_type().trim().equals("h2") || mysql(c) ? Optional.empty()
                : Optional.of("'" + c.db_type().trim() + "' is neither h2 nor mysql"));
        check.rule("db.url", c -> mysql(c) && !c.db_url().trim().startsWith("jdbc:mysql://")
                && !c.db_url().trim().startsWith("jdbc:mariadb://")
                ? Optional.of("'" + c.db_url().trim() + "' is not a jdbc:mysql:// URL (required with db.type = mysql)")
                : Optional.empty());
        check.rule("db.user", c -> mysql(c) && c.db_user().isBlank()
                ? Optional.of("is empty (required with db.type = mysql)") : Optional.empty());
        return check.read("db.password.file", c -> mysql(c)
                ? ConfigValues.secretFile(ZoneConfig.PID, "db.password.file", c.db_password_file(), home)
                : Secret.none());
    }

    /** The database {@code config} (checked) describes; the embedded one lives in {@code data}/db. */
    static DatabaseSettings settings(ZoneConfig config, Path data, Secret password) {
        if (!mysql(config)) {
            return DatabaseSettings.h2(data.resolve("db"));
        }
        return DatabaseSettings.mysql(config.db_url().trim().replace("jdbc:mariadb://", "jdbc:mysql://"),
                config.db_user().trim(), password.reveal());
    }

    private static boolean mysql(ZoneConfig config) {
        return config.db_type().trim().equals("mysql");
    }
}
