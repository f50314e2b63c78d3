package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/**
 * Whether the leader starts a VM elsewhere when its host is fenced ({@code ha}), and its restart priority (higher
 * first; from {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY}).
 */
public record SetVmHa(String requestId, String ref, boolean ha, int priority) implements ZoneCommand {
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;

    public SetVmHa(String ref, boolean ha, int priority) {
        this(ZoneCommand.newRequestId(), ref, ha, priority);
    }

    @Override
    public void check(Validation v) {
        v.reference(ref).require(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY, "priority: " + priority
                + " is not between " + MIN_PRIORITY + " and " + MAX_PRIORITY);
    }

    @Override
    public void write(Writer out) {
        out.text(ref).bool(ha).i32(priority);
    }

    static SetVmHa read(Reader in, String requestId) {
        return new SetVmHa(requestId, in.text(), in.bool(), in.i32());
    }
}
