package org.zonekeeper.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.trust.Admission;

/**
 * How to run this server's member, already checked by the zone's configuration ({@code org.zonekeeper.zone}).
 *
 * @param self this server, one of {@code servers}
 * @param servers the zone's servers to bootstrap with, or to join
 * @param join whether to join a zone that exists (a server added with {@code zone:server-add})
 * @param dataDir the member's own directory (its log, its transport's key stores)
 * @param admission who may reach the member's port, and this server's certificate (TLS off: admits everyone)
 * @param requestTimeout how long {@link Member#submit} and {@link Member#query} wait for a leader at most
 * @param logSegmentEntries log entries per segment; a full segment is covered by a snapshot, then compacted
 * @param logCompactionInterval how often the log is compacted
 */
public record MemberSettings(ZoneServer self, List<ZoneServer> servers, boolean join, Path dataDir,
        Admission admission, Duration electionTimeout, Duration heartbeatInterval, Duration sessionTimeout,
        Duration requestTimeout, int logSegmentEntries, Duration logCompactionInterval) {

    public MemberSettings {
        servers = List.copyOf(servers);
    }
}
