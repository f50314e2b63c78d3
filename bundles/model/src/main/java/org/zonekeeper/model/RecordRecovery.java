package org.zonekeeper.model;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.Validation;

/** A step of a host's recovery, or its end. */
public record RecordRecovery(String requestId, long hostId, boolean end, String step, int attempts, String detail)
        implements ZoneCommand {

    public static RecordRecovery step(long hostId, String step, int attempts, String detail) {
        return new RecordRecovery(ZoneCommand.newRequestId(), hostId, false, step, attempts, detail);
    }

    public static RecordRecovery end(long hostId) {
        return new RecordRecovery(ZoneCommand.newRequestId(), hostId, true, "", 0, "");
    }

    public boolean isEnd() {
        return end;
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.require(hostId > 0, "host id: must be positive");
        if (!end) {
            v.check(Field.STEP, step).require(step != null && !step.isEmpty(), "step: is required");
        }
    }

    @Override
    public void write(Writer out) {
        out.i64(hostId).bool(end).text(step).i32(attempts).text(detail);
    }

    static RecordRecovery read(Reader in, String requestId) {
        return new RecordRecovery(requestId, in.i64(), in.bool(), in.text(), in.i32(), in.text());
    }
}
