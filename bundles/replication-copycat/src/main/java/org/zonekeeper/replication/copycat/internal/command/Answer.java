package org.zonekeeper.replication.copycat.internal.command;

/** What applying an {@link Entry} or a {@link Read} gave: a model outcome in the model's own layout. */
public final class Answer extends Envelope {

    private static final int MAX_BYTES = 256 << 20;

    public Answer() {
        this(null);
    }

    public Answer(byte[] bytes) {
        super(MAX_BYTES, bytes);
    }
}
