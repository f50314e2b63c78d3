package org.zonekeeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The replicated event log, read from this server's database (on the leader: everything committed so far). */
@ProviderType
public interface EventService {

    /** Up to {@code max} events with an id above {@code afterId}, oldest first. */
    List<ZoneEvent> after(long afterId, int max);
}
