package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Adds a zone server; its id is the next of the server sequence. */
public record AddServer(String requestId, String name, String endpoint) implements ZoneCommand {

    public AddServer(String name, String endpoint) {
        this(ZoneCommand.newRequestId(), name, endpoint);
    }

    @Override
    public String subject() {
        return "server";
    }

    @Override
    public void check(Validation v) {
        v.check(Field.SERVER_NAME, name).check(Field.ENDPOINT, endpoint)
                .require(endpoint != null && !endpoint.isEmpty(), "endpoint: is required");
    }

    @Override
    public void write(Writer out) {
        out.text(name).text(endpoint);
    }

    static AddServer read(Reader in, String requestId) {
        return new AddServer(requestId, in.text(), in.text());
    }
}
