package org.zonekeeper.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle hook: an OSGi service the hook engine calls, on the leader only, for each event it subscribed to. Its
 * executions are recorded in the replicated hook log like script hooks'.
 */
@ConsumerType
public interface Hook {

    /** Service property: the hook's name in the execution log (default: its class name). */
    String NAME = "hook.name";

    /**
     * Service property: the event names it subscribes to (String or String[]): exact names such as
     * {@code HOST/ERROR}, {@code TYPE/*} for every event of a type, or {@code LEADER} (this server became leader).
     */
    String EVENTS = "hook.events";

    /** Handles one event. Returning is success; an exception is a failure, its message recorded. */
    void run(ZoneEvent event) throws Exception;
}
