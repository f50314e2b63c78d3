package org.zonekeeper.model.internal;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.store.ZoneTransaction;

/** Appends events to the replicated event log as commands apply, keeping its last {@value #KEPT} entries. */
public final class EventLog {
    static final long KEPT = 10_000;

    private EventLog() {
    }

    static void host(ZoneTransaction tx, Host host, long time) {
        record(tx, time, "HOST/" + host.state(), "HOST", host.id(), host.name());
    }

    static void vm(ZoneTransaction tx, Vm vm, long time) {
        record(tx, time, "VM/" + vm.state(), "VM", vm.id(), vm.name());
    }

    /** Something that concerns the whole zone ({@code ZONE/WHAT}), seen first on {@code host}. */
    static void zone(ZoneTransaction tx, String what, Host host, long time) {
        record(tx, time, "ZONE/" + what, "HOST", host.id(), host.name());
    }

    /** A VM's row is gone: nothing of it runs any more. */
    static void removed(ZoneTransaction tx, Vm vm, long time) {
        record(tx, time, "VM/DELETED", "VM", vm.id(), vm.name());
    }

    /** An operator's request, named by its command: {@code API/CreateVm}. */
    static void api(ZoneTransaction tx, String command, String objectType, long id, String name, long time) {
        record(tx, time, "API/" + command, objectType, id, name);
    }

    private static void record(ZoneTransaction tx, long time, String name, String type, long id, String objectName) {
        long eventId = tx.nextId("event", 1);
        tx.addEvent(new ZoneEvent(eventId, time, name, type, id, objectName));
        if (eventId % 1000 == 0) {
            tx.pruneEvents(eventId - KEPT);
        }
    }
}
