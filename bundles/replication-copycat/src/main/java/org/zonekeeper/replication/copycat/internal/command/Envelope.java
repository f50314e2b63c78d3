package org.zonekeeper.replication.copycat.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;

/** Bytes of the model's own layout as Catalyst carries them: a length, then the bytes (at most {@code max}). */
abstract class Envelope implements CatalystSerializable {

    private final int max;
    private byte[] bytes;

    Envelope(int max, byte[] bytes) {
        this.max = max;
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeInt(bytes.length).write(bytes);
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        int length = in.readInt();
        if (length < 0 || length > max || length > in.remaining()) {
            throw new IllegalStateException("an envelope of " + length + " bytes (at most " + max + ")");
        }
        bytes = new byte[length];
        in.read(bytes);
    }
}
