package org.zonekeeper.replication.copycat.internal.command;

import io.atomix.copycat.Command;

/**
 * The one command type Copycat carries: an entry in the model's own layout ({@code org.zonekeeper.model.Codec}).
 * Sent again after a lost session, the same entry carries the same request id.
 */
public final class Entry extends Envelope implements Command<Answer> {

    /** An entry larger than this is not read (the model's largest command is far smaller). */
    private static final int MAX_BYTES = 1 << 20;

    public Entry() {
        this(null);
    }

    public Entry(byte[] bytes) {
        super(MAX_BYTES, bytes);
    }
}
