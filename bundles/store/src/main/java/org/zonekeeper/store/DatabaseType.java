package org.zonekeeper.store;

/** The database products a server can keep its copy of the zone in. */
public enum DatabaseType {
    H2, MYSQL
}
