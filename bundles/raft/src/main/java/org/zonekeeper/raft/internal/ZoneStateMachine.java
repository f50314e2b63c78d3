package org.zonekeeper.raft.internal;

import java.util.function.Consumer;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.model.Codec;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.raft.internal.command.Answer;
import org.zonekeeper.raft.internal.command.Entry;
import org.zonekeeper.raft.internal.command.Read;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;

/**
 * Copycat's view of the model: applies each committed {@link Entry} with {@link ZoneModel#apply} in one database
 * transaction with its log index, and snapshots the database for log compaction. Input never fails an apply (the
 * model records refusals). A failure of the local database stops this state machine at that entry: it and every
 * later one are left unapplied (never skipped), no snapshot is taken, the owner is told, and the server resumes from
 * the database's applied index once it is restarted.
 */
final class ZoneStateMachine extends StateMachine implements Snapshottable {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneStateMachine.class);

    private final ZoneDatabase database;
    private final Consumer<StoreException> onDatabaseFailure;
    private volatile StoreException halted;
    private final java.util.concurrent.atomic.AtomicInteger installed = new java.util.concurrent.atomic.AtomicInteger();

    ZoneStateMachine(ZoneDatabase database, Consumer<StoreException> onDatabaseFailure) {
        this.database = database;
        this.onDatabaseFailure = onDatabaseFailure;
    }

    @Override
    protected void configure(StateMachineExecutor executor) {
        executor.register(Entry.class, this::apply);
        executor.register(Read.class, this::read);
    }

    private Answer apply(Commit<Entry> commit) {
        try {
            requireRunning();
            long index = commit.index();
            long time = commit.time().toEpochMilli();
            byte[] entry = commit.operation().bytes();
            Outcome outcome = database.apply(index, tx -> ZoneModel.apply(tx, index, time, entry));
            return new Answer(Codec.encode(outcome == null ? Outcome.none() : outcome));
        } catch (StoreException e) {
            halt(e);
            throw e;
        } finally {
            commit.close();
        }
    }

    private Answer read(Commit<Read> commit) {
        try {
            requireRunning();
            return new Answer(Codec.encode(ZoneModel.read(database, commit.operation().part())));
        } catch (StoreException e) {
            halt(e);
            throw e;
        } finally {
            commit.close();
        }
    }

    /** How many snapshots this state machine installed into the database. */
    int snapshotsInstalled() {
        return installed.get();
    }

    private void requireRunning() {
        StoreException cause = halted;
        if (cause != null) {
            throw new StoreException("not applied: this server stopped at an earlier entry (" + cause.getMessage()
                    + ")", cause);
        }
    }

    private void halt(StoreException e) {
        if (halted == null) {
            halted = e;
            LOG.error("stopped applying the log after entry {}: {}", database.appliedIndex(), e.getMessage());
        }
        onDatabaseFailure.accept(halted);
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        requireRunning();
        database.snapshot(SnapshotStreams.of(writer));
    }

    @Override
    public void install(SnapshotReader reader) {
        requireRunning();
        try {
            // after a restart the database may already be past the snapshot: then it is left unread
            if (database.install(SnapshotStreams.of(reader))) {
                installed.incrementAndGet();
                LOG.info("installed a snapshot: the database is at entry {}", database.appliedIndex());
            }
        } catch (StoreException e) {
            halt(e);
            throw e;
        }
    }
}
