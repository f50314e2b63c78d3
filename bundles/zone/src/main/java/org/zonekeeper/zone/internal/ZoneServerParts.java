package org.zonekeeper.zone.internal;

import java.io.IOException;
import java.util.function.Function;

import org.zonekeeper.api.EventService;
import org.zonekeeper.api.HookLogService;
import org.zonekeeper.api.HostService;
import org.zonekeeper.api.Leadership;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.api.VmService;
import org.zonekeeper.replication.ReplicationEngine;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.trust.ZoneTrust;

/**
 * One running zone server without the service registry: its {@link ZoneMember} (of whatever
 * {@link ReplicationEngine}) applying the log to its database, the api services over that member, and its
 * {@link LeadershipService}. {@link ZoneServerComponent} registers these services; the testkit's in-memory zone
 * (zonekeeper-testkit-zone) calls them directly, which is why this class of a private package is public.
 */
public final class ZoneServerParts implements AutoCloseable {

    private final LeadershipService leadership;
    private final ZoneMember member;
    private final HostService hosts;
    private final VmService vms;
    private final HookLogService hookLog;
    private final RecoveryService recoveries;
    private final EventService events;

    private ZoneServerParts(LeadershipService leadership, ZoneMember member) {
        this.leadership = leadership;
        this.member = member;
        this.hosts = new HostServiceImpl(member);
        this.vms = new VmServiceImpl(member);
        this.hookLog = new HookLogServiceImpl(member);
        this.recoveries = new RecoveryServiceImpl(member);
        this.events = (afterId, max) -> member.database().events(afterId, max);
    }

    /**
     * Starts the server {@code settings} describe as a member of {@code engine}'s log.
     *
     * @param publish makes this server's {@link Leadership} known once it claimed a term through the log, and
     *        returns what withdraws it (when it stops leading); called on a thread of the leadership's own
     * @param statusPort whether the status endpoint listens (PORT+1 of this server's endpoint)
     * @param onReset called when another server asks this one to resynchronise, and when its database answers
     *        again after a failure stopped it
     * @throws IOException when the member cannot listen or open its log
     */
    public static ZoneServerParts start(ZoneSettings settings, ReplicationEngine engine,
            Function<Leadership, Runnable> publish, boolean statusPort, Runnable onReset) throws IOException {
        LeadershipService leadership = new LeadershipService(publish, settings.self().name());
        try {
            ZoneMember member = new ZoneMember(settings, engine, onReset, leadership::changed, statusPort);
            leadership.claimsThrough(member);
            return new ZoneServerParts(leadership, member);
        } catch (IOException | RuntimeException e) {
            leadership.close();
            throw e;
        }
    }

    ZoneMember member() {
        return member;
    }

    public HostService hosts() {
        return hosts;
    }

    public VmService vms() {
        return vms;
    }

    public HookLogService hookLog() {
        return hookLog;
    }

    public RecoveryService recoveries() {
        return recoveries;
    }

    public EventService events() {
        return events;
    }

    /** This server's local database (read it; writes go through the log). */
    public ZoneDatabase database() {
        return member.database();
    }

    /** This server's zone certificate; null with the zone's TLS off. */
    public ZoneTrust trust() {
        return member.trust();
    }

    /** Stops leading (its leader-only services stopped, bounded), then stops the member and closes the database. */
    @Override
    public void close() {
        leadership.close();
        member.close();
    }
}
