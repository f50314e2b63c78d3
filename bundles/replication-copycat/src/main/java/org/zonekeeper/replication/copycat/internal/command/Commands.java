package org.zonekeeper.replication.copycat.internal.command;

import io.atomix.catalyst.serializer.Serializer;

/** The only types accepted on the wire, each with a fixed id (the serializer's whitelist). */
public final class Commands {

    private Commands() {
    }

    public static Serializer register(Serializer serializer) {
        serializer.register(Answer.class, 240);
        serializer.register(Entry.class, 241);
        serializer.register(Read.class, 242);
        return serializer;
    }
}
