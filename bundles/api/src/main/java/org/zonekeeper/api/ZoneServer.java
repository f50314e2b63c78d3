package org.zonekeeper.api;

import java.net.InetSocketAddress;

/** One front-end server of the zone; {@code endpoint} is its Raft address {@code host:port}. */
public record ZoneServer(int id, String name, String endpoint) {

    /** The Raft address of this server, unresolved. */
    public InetSocketAddress address() {
        return address(endpoint);
    }

    /** The address of an endpoint {@code HOST:PORT} or {@code [IPv6]:PORT}, unresolved. */
    public static InetSocketAddress address(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(endpoint.substring(colon + 1)));
    }
}
