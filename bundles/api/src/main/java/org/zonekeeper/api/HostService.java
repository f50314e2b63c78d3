package org.zonekeeper.api;

import java.util.List;

import org.zonekeeper.api.fencing.FencingLevels;

/** Hosts of the zone. Writes go through Raft; {@code ref} is an id or a name. */
public interface HostService {

    Host create(HostSpec spec);

    List<Host> list(ReadMode mode);

    Host get(String ref, ReadMode mode);

    void delete(String ref);

    Host setEnabled(String ref, boolean enabled);

    /** Replaces the host's fencing levels (empty: fenced by the devices whose host map names it). */
    Host setFencingLevels(String ref, FencingLevels levels);
}
