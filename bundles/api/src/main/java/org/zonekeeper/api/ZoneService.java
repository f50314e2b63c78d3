package org.zonekeeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The zone's front-end servers and their Raft state. */
@ProviderType
public interface ZoneService {

    /** This server's id in the zone. */
    int localServerId();

    List<ZoneServer> servers();

    /** Status of every server, asked from this one; unreachable servers are reported, not omitted. */
    List<ServerStatus> status();

    /** This server's database, its applied index and content digest. */
    DatabaseStatus database();

    ZoneServer addServer(String name, String endpoint);

    void deleteServer(int id);

    /** Marks a server whose database was replaced so that it is brought up to date from the leader. */
    void resetServer(int id);
}
