package org.zonekeeper.store;

import java.util.List;
import java.util.Optional;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;

/** Read access to the model, for local reads and Raft queries. */
public interface ZoneReader {

    List<Host> hosts();

    List<Vm> vms();

    List<ZoneServer> servers();

    /** Up to {@code max} events with an id above {@code afterId}, oldest first. */
    List<ZoneEvent> events(long afterId, int max);

    /** Hook executions, newest first, at most {@code max}. */
    List<HookExecution> hookExecutions(int max);

    Optional<HookExecution> hookExecution(long id);

    long cursor(String name);

    List<Recovery> recoveries();
}
