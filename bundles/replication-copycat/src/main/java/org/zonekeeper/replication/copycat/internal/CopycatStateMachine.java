package org.zonekeeper.replication.copycat.internal;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

import org.zonekeeper.replication.copycat.internal.command.Answer;
import org.zonekeeper.replication.copycat.internal.command.Entry;
import org.zonekeeper.replication.copycat.internal.command.Read;
import org.zonekeeper.replication.ReplicatedState;

/**
 * Copycat's view of the zone's {@link ReplicatedState}: each committed {@link Entry} is applied with its index and
 * the leader's time, each {@link Read} answered, snapshots streamed in and out of Copycat's snapshot files. A
 * {@code LocalFailureException} from the state goes back to Copycat, which answers the entry with an error; the
 * state refuses every later entry itself, so none is skipped.
 */
final class CopycatStateMachine extends StateMachine implements Snapshottable {

    private final ReplicatedState state;

    CopycatStateMachine(ReplicatedState state) {
        this.state = state;
    }

    @Override
    protected void configure(StateMachineExecutor executor) {
        executor.register(Entry.class, this::apply);
        executor.register(Read.class, this::read);
    }

    private Answer apply(Commit<Entry> commit) {
        try {
            return new Answer(state.apply(commit.index(), commit.time().toEpochMilli(), commit.operation().bytes()));
        } finally {
            commit.close();
        }
    }

    private Answer read(Commit<Read> commit) {
        try {
            return new Answer(state.query(commit.operation().bytes()));
        } finally {
            commit.close();
        }
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        state.snapshot(SnapshotStreams.of(writer));
    }

    @Override
    public void install(SnapshotReader reader) {
        state.install(SnapshotStreams.of(reader));
    }
}
