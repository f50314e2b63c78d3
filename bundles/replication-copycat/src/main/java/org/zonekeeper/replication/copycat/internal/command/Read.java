package org.zonekeeper.replication.copycat.internal.command;

import io.atomix.copycat.Query;

/** A linearizable read through the leader: a query in the model's own layout. */
public final class Read extends Envelope implements Query<Answer> {

    /** A query larger than this is not read (the model's queries are a few bytes). */
    private static final int MAX_BYTES = 1 << 16;

    public Read() {
        this(null);
    }

    public Read(byte[] bytes) {
        super(MAX_BYTES, bytes);
    }

    @Override
    public ConsistencyLevel consistency() {
        return ConsistencyLevel.LINEARIZABLE;
    }
}
