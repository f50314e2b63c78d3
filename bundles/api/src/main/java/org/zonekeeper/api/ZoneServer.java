package org.zonekeeper.api;

/** One front-end server of the zone; {@code endpoint} is its Raft address {@code host:port}. */
public record ZoneServer(int id, String name, String endpoint) {
}
