package org.zonekeeper.api;

import java.util.List;

/** Virtual machines of the zone. Writes go through Raft; {@code ref} is an id or a name. */
public interface VmService {

    Vm create(VmSpec spec);

    List<Vm> list(ReadMode mode);

    Vm get(String ref, ReadMode mode);

    void delete(String ref);
}
