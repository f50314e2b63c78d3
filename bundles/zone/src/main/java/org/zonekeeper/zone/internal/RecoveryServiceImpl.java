package org.zonekeeper.zone.internal;

import java.util.List;

import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.RecoveryService;
import org.zonekeeper.model.RecordRecovery;

/** Host recoveries: writes through Raft, reads from the local database. */
final class RecoveryServiceImpl implements RecoveryService {

    private final ZoneMember node;

    RecoveryServiceImpl(ZoneMember node) {
        this.node = node;
    }

    @Override
    public List<Recovery> list() {
        return node.database().recoveries();
    }

    @Override
    public Recovery record(long hostId, String step, int attempts, String detail) {
        return node.submit(RecordRecovery.step(hostId, step, attempts, detail)).item();
    }

    @Override
    public void end(long hostId) {
        node.submit(RecordRecovery.end(hostId)).items();
    }
}
