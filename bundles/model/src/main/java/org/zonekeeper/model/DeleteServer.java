package org.zonekeeper.model;

import org.zonekeeper.api.Validation;

/** Removes a zone server from the model (its Raft membership is removed apart). */
public record DeleteServer(String requestId, int id) implements ZoneCommand {

    public DeleteServer(int id) {
        this(ZoneCommand.newRequestId(), id);
    }

    @Override
    public void check(Validation v) {
        v.require(id >= 0, "server id: is negative");
    }

    @Override
    public void write(Writer out) {
        out.i32(id);
    }

    static DeleteServer read(Reader in, String requestId) {
        return new DeleteServer(requestId, in.i32());
    }
}
