package org.zonekeeper.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;

/** What applying one log entry may read and change; all of it commits with the entry's index. */
public interface ZoneTransaction {

    /** The next id of a sequence ({@code host}, {@code vm}, {@code server}), starting at {@code first}. */
    long nextId(String sequence, long first);

    Optional<Host> host(long id);

    Optional<Host> hostByName(String name);

    void putHost(Host host);

    /** Moves hosts' last-monitored times forward (host id to time); returns how many changed. */
    int recordMonitored(Map<Long, Long> times);

    void deleteHost(long id);

    Optional<Vm> vm(long id);

    Optional<Vm> vmByName(String name);

    List<Vm> vmsOnHost(long hostId);

    void putVm(Vm vm);

    void deleteVm(long id);

    List<ZoneServer> servers();

    void putServer(ZoneServer server);

    void deleteServer(int id);

    /** Appends to the event log; ids come from the {@code event} sequence. */
    void addEvent(ZoneEvent event);

    /** Drops events below an id (the log keeps a bounded tail). */
    void pruneEvents(long belowId);

    void putHookExecution(HookExecution execution);

    Optional<HookExecution> hookExecution(long id);

    /** Drops executions below an id (the log keeps a bounded tail). */
    void pruneHookExecutions(long belowId);

    long cursor(String name);

    void putCursor(String name, long eventId);

    /** The last leader term claimed ({@code LeadTerm}); 0 before the first claim. */
    long leaderTerm();

    /** The rules version named by the last claim ({@code LeadTerm}); 1 before any claim that named one. */
    int rules();

    void putLeaderTerm(long term, String server, int rules);

    List<Recovery> recoveries();

    void putRecovery(Recovery recovery);

    void deleteRecovery(long hostId);

    /** The encoded outcome of a request already applied, by its id. */
    Optional<byte[]> requestOutcome(String requestId);

    /** Remembers a request's outcome, applied at {@code index}. */
    void putRequest(String requestId, long index, byte[] outcome);

    /** Forgets the requests applied below an index. */
    void pruneRequests(long belowIndex);

    /** Runs {@code work}; when {@code undo} holds for its result, what it changed is undone (a refusal changes nothing). */
    <T> T attempt(Function<ZoneTransaction, T> work, Predicate<T> undo);
}
