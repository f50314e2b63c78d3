package org.zonekeeper.replication.copycat.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.zonekeeper.replication.Member;
import org.zonekeeper.replication.MemberSettings;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.replication.ReplicationEngine;
import org.zonekeeper.replication.RoleListener;

/** The zone's replicated log on Copycat 1.2.8: a flushed disk log, mutual TLS, sessions that never wedge. */
@Component(service = ReplicationEngine.class)
public final class CopycatEngine implements ReplicationEngine {

    @Override
    public Member start(MemberSettings settings, ReplicatedState state, RoleListener roles) throws IOException {
        return new CopycatMember(settings, state, roles);
    }
}
