package org.zonekeeper.model;

import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Validation;

/**
 * A step of one fencing attempt of a host: the power-off about to be sent, confirmed OFF (FENCED) or failed
 * (FENCE_FAILED). Refused unless the host is FENCING under {@code attempt}, so a stale view powers nothing off and
 * the result of an earlier attempt certifies nothing.
 */
public record RecordFencing(String requestId, long hostId, long attempt, FencingStep step, int tries, String detail)
        implements ZoneCommand {

    public RecordFencing(long hostId, long attempt, FencingStep step, int tries, String detail) {
        this(ZoneCommand.newRequestId(), hostId, attempt, step, tries, detail);
    }

    @Override
    public boolean leaderDecision() {
        return true;
    }

    @Override
    public void check(Validation v) {
        v.require(hostId > 0, "host id: must be positive").require(attempt >= 0, "fencing attempt: is negative")
                .require(step != null, "fencing step: is required").require(tries >= 0, "tries: is negative");
    }

    @Override
    public void write(Writer out) {
        out.i64(hostId).i64(attempt).enumValue(step).i32(tries).text(detail);
    }

    static RecordFencing read(Reader in, String requestId) {
        return new RecordFencing(requestId, in.i64(), in.i64(), in.enumValue(FencingStep.class), in.i32(), in.text());
    }
}
