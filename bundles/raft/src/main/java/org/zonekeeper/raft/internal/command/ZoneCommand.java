package org.zonekeeper.raft.internal.command;

import java.util.UUID;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Command;

import org.zonekeeper.api.Validation;

/**
 * A change to the zone, written to the Raft log and applied by every server in log order. Each carries a request id,
 * drawn when it is first sent and kept when the same command is sent again, so that the state machine applies it
 * once however often it is submitted, and a check of every field, run where the command enters and again when it is
 * applied.
 */
public abstract class ZoneCommand implements Command<Outcome>, CatalystSerializable {

    /** The layout of a command in the log; an entry of another layout is not read. */
    private static final int FORMAT = 2;

    private String requestId;

    /** The request id; drawn on first use, so an unsent command gets one too. */
    public final synchronized String requestId() {
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        return requestId;
    }

    /** Every problem of this command's fields (lengths, characters, required values), the same on every server. */
    public final Validation validation() {
        Validation validation = new Validation(subject());
        check(validation);
        return validation;
    }

    /** What the operator calls the object of this command, in a refusal. */
    protected String subject() {
        return getClass().getSimpleName();
    }

    protected abstract void check(Validation validation);

    protected abstract void writeFields(BufferOutput<?> out);

    protected abstract void readFields(BufferInput<?> in);

    @Override
    public final void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeByte(FORMAT);
        out.writeUTF8(requestId());
        writeFields(out);
    }

    @Override
    public final void readObject(BufferInput<?> in, Serializer serializer) {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("a log entry of layout " + format + "; this server reads layout " + FORMAT
                    + " (see docs/operations.md, 'Upgrading')");
        }
        requestId = in.readUTF8();
        readFields(in);
    }
}
