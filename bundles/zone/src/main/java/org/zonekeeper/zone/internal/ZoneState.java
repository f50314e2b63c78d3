package org.zonekeeper.zone.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.model.Codec;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.replication.LocalFailureException;
import org.zonekeeper.replication.ReplicatedState;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;

/**
 * The zone's database as the log's state: each entry is applied with {@link ZoneModel#apply} in one database
 * transaction with its log index. Input never fails an apply (the model records refusals). A failure of the local
 * database stops this state at that entry: it and every later one are left unapplied (never skipped), no snapshot
 * is taken, the owner is told, and the server resumes from the database's applied index once it is restarted.
 */
final class ZoneState implements ReplicatedState {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneState.class);

    private final ZoneDatabase database;
    private final Consumer<StoreException> onDatabaseFailure;
    private final AtomicInteger installed = new AtomicInteger();
    private volatile StoreException halted;

    ZoneState(ZoneDatabase database, Consumer<StoreException> onDatabaseFailure) {
        this.database = database;
        this.onDatabaseFailure = onDatabaseFailure;
    }

    /** A query of one part of the model, as {@link #query} reads it. */
    static byte[] query(ZoneModel.Part part) {
        return new byte[] {(byte) part.ordinal()};
    }

    @Override
    public byte[] apply(long index, long time, byte[] entry) {
        requireRunning();
        try {
            Outcome outcome = database.apply(index, tx -> ZoneModel.apply(tx, index, time, entry));
            return Codec.encode(outcome == null ? Outcome.none() : outcome);
        } catch (StoreException e) {
            throw halt(e);
        }
    }

    @Override
    public byte[] query(byte[] query) {
        requireRunning();
        ZoneModel.Part[] parts = ZoneModel.Part.values();
        if (query.length != 1 || query[0] < 0 || query[0] >= parts.length) {
            return Codec.encode(Outcome.refused("not a query of this build: " + query.length + " bytes"));
        }
        try {
            return Codec.encode(ZoneModel.read(database, parts[query[0]]));
        } catch (StoreException e) {
            throw halt(e);
        }
    }

    @Override
    public void snapshot(OutputStream out) {
        requireRunning();
        database.snapshot(out);
    }

    @Override
    public boolean install(InputStream in) {
        requireRunning();
        try {
            // after a restart the database may already be past the snapshot: then it is left unread
            if (!database.install(in)) {
                return false;
            }
            installed.incrementAndGet();
            LOG.info("installed a snapshot: the database is at entry {}", database.appliedIndex());
            return true;
        } catch (StoreException e) {
            throw halt(e);
        }
    }

    /** How many snapshots were installed into the database since this state was made. */
    int snapshotsInstalled() {
        return installed.get();
    }

    private void requireRunning() {
        StoreException cause = halted;
        if (cause != null) {
            throw new LocalFailureException("not applied: this server stopped at an earlier entry ("
                    + cause.getMessage() + ")", cause);
        }
    }

    private LocalFailureException halt(StoreException e) {
        if (halted == null) {
            halted = e;
            LOG.error("stopped applying the log after entry {}: {}", database.appliedIndex(), e.getMessage());
        }
        onDatabaseFailure.accept(halted);
        return new LocalFailureException(e.getMessage(), e);
    }
}
