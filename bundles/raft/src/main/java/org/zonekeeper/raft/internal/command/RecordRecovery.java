package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** Records the step a host's recovery is at; {@code end} removes the recovery instead. */
public final class RecordRecovery extends ZoneCommand {

    private long hostId;
    private boolean end;
    private String step;
    private int attempts;
    private String detail;

    public RecordRecovery() {
    }

    private RecordRecovery(long hostId, boolean end, String step, int attempts, String detail) {
        this.hostId = hostId;
        this.end = end;
        this.step = step;
        this.attempts = attempts;
        this.detail = detail == null ? "" : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    }

    public static RecordRecovery step(long hostId, String step, int attempts, String detail) {
        return new RecordRecovery(hostId, false, step, attempts, detail);
    }

    public static RecordRecovery end(long hostId) {
        return new RecordRecovery(hostId, true, "", 0, "");
    }

    public long hostId() {
        return hostId;
    }

    public boolean isEnd() {
        return end;
    }

    public String step() {
        return step;
    }

    public int attempts() {
        return attempts;
    }

    public String detail() {
        return detail;
    }

    @Override
    protected void check(Validation v) {
        v.require(hostId > 0, "host id: must be positive");
        if (!end) {
            v.check(Field.STEP, step).require(step != null && !step.isEmpty(), "step: is required");
        }
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        out.writeLong(hostId).writeBoolean(end);
        Wire.writeString(out, step);
        out.writeInt(attempts);
        Wire.writeString(out, detail);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        hostId = in.readLong();
        end = in.readBoolean();
        step = Wire.readString(in);
        attempts = in.readInt();
        detail = Wire.readString(in);
    }
}
