package org.zonekeeper.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.store.internal.Batch;
import org.zonekeeper.store.internal.Drivers;
import org.zonekeeper.store.internal.JdbcTables;
import org.zonekeeper.store.internal.Schema;
import org.zonekeeper.store.internal.TableDump;

/**
 * One server's copy of the zone. Each log entry is applied with its index; applied entries are committed in
 * batches (at most {@value #BATCH_ENTRIES} entries or {@value #BATCH_DELAY_MS} ms), each commit recording the index
 * of the last entry it holds, so after a crash the server replays the Raft log (the durable truth) from the
 * committed index: an entry is never applied twice and none is skipped. Reads go through the same connection, so
 * they see every applied entry, committed or not. Apply, install and snapshot run on the state machine's thread;
 * reads may come from any thread.
 */
public final class ZoneDatabase implements ZoneReader, AutoCloseable {

    /** Applied entries committed together at most. */
    public static final int BATCH_ENTRIES = 64;
    /** How long an applied entry waits for its batch to be committed, at most. */
    public static final long BATCH_DELAY_MS = 10;

    private static final int STREAM_BUFFER = 64 * 1024;

    private final DatabaseSettings settings;
    private final Connection writer;
    private final Batch batch;
    private StoreException flushFailure;

    private ZoneDatabase(DatabaseSettings settings, Connection writer, int batchEntries, long batchDelayMs)
            throws SQLException {
        this.settings = settings;
        this.writer = writer;
        this.batch = new Batch(writer, batchEntries, batchDelayMs, this::flush);
    }

    public static ZoneDatabase open(DatabaseSettings settings) {
        return open(settings, BATCH_ENTRIES, BATCH_DELAY_MS);
    }

    static ZoneDatabase open(DatabaseSettings settings, int batchEntries, long batchDelayMs) {
        Connection writer = null;
        try {
            if (settings.dataDir() != null) {
                Files.createDirectories(settings.dataDir());
            }
            writer = Drivers.connect(settings);
            writer.setAutoCommit(false);
            Schema.create(writer, settings.type());
            return new ZoneDatabase(settings, writer, batchEntries, batchDelayMs);
        } catch (SQLException | IOException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open database " + settings + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    /**
     * Checks, without creating or changing anything, that a database answers and holds every table of this
     * version; returns its applied index. Throws a {@link StoreException} saying what is wrong.
     */
    public static long probe(DatabaseSettings settings) {
        try (Connection connection = Drivers.connect(settings)) {
            return Schema.probe(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to database " + settings + ": " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The last entry applied (it may wait for its batch to be committed). */
    public long appliedIndex() {
        return batch.applied();
    }

    /**
     * Applies the entry at {@code index} unless it already was. The work refuses by its result (see
     * {@link ZoneTransaction#attempt}); any exception it throws is a local failure: the uncommitted batch is dropped
     * (the applied index goes back to the committed one, from which the log is replayed) and it is thrown as a
     * {@link StoreException}.
     *
     * @return the work's result, or null when the entry had been applied before
     */
    public <T> T apply(long index, Function<ZoneTransaction, T> work) {
        synchronized (writer) {
            if (flushFailure != null) {
                throw flushFailure;
            }
            if (index <= batch.applied()) {
                return null;
            }
            try {
                T result = work.apply(new JdbcTables(writer));
                batch.applied(index);
                return result;
            } catch (RuntimeException e) {
                batch.drop();
                throw e instanceof StoreException s ? s
                        : new StoreException("applying entry " + index + " failed: " + e, e);
            }
        }
    }

    /** Commits what was applied and not committed yet. */
    public void flush() {
        synchronized (writer) {
            try {
                batch.commit();
            } catch (StoreException e) {
                batch.drop();
                flushFailure = e;
            }
        }
    }

    /**
     * Writes the applied index and every replicated row to {@code target}, row by row (the snapshot is never held
     * whole in memory). The same content gives the same bytes on H2 and on MySQL/MariaDB.
     */
    public void snapshot(OutputStream target) {
        synchronized (writer) {
            batch.commit();
            try {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, STREAM_BUFFER));
                TableDump.writeHeader(out, batch.applied());
                TableDump.write(writer, out, settings.type());
                out.flush();
                writer.commit();
            } catch (SQLException | IOException e) {
                throw new StoreException("cannot write snapshot: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Replaces the whole content and the applied index with a snapshot's, streamed from {@code source}, in one
     * transaction; a snapshot at or below the applied index (the database is already past it) is left unread.
     *
     * @return whether it was installed
     */
    public boolean install(InputStream source) {
        synchronized (writer) {
            batch.commit();
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(source, STREAM_BUFFER));
                long index = TableDump.readHeader(in);
                if (index <= batch.applied()) {
                    return false;
                }
                TableDump.read(writer, in);
                batch.commitAt(index);
                return true;
            } catch (SQLException | IOException e) {
                batch.drop();
                throw new StoreException("cannot install snapshot: " + e.getMessage(), e);
            }
        }
    }

    /** SHA-256 of the replicated content (not of the applied index): equal on servers that agree. */
    public String digest() {
        synchronized (writer) {
            String digest = TableDump.digest(writer, settings.type());
            batch.endRead();
            return digest;
        }
    }

    @Override
    public List<Host> hosts() {
        return read(JdbcTables::hosts);
    }

    @Override
    public List<Vm> vms() {
        return read(JdbcTables::vms);
    }

    @Override
    public List<ZoneServer> servers() {
        return read(JdbcTables::servers);
    }

    @Override
    public List<ZoneEvent> events(long afterId, int max) {
        return read(t -> t.events(afterId, max));
    }

    @Override
    public List<HookExecution> hookExecutions(int max) {
        return read(t -> t.hookExecutions(max));
    }

    @Override
    public Optional<HookExecution> hookExecution(long id) {
        return read(t -> t.hookExecution(id));
    }

    @Override
    public long cursor(String name) {
        return read(t -> t.cursor(name));
    }

    @Override
    public List<Recovery> recoveries() {
        return read(JdbcTables::recoveries);
    }

    private <T> T read(Function<JdbcTables, T> query) {
        synchronized (writer) {
            T result = query.apply(new JdbcTables(writer));
            batch.endRead();
            return result;
        }
    }

    /** Commits what was applied, then closes; an entry not committed is applied again from the log next time. */
    @Override
    public void close() {
        batch.close();
        synchronized (writer) {
            try {
                batch.commit();
            } catch (StoreException e) {
                // closing after a failure: the entries not committed are replayed from the Raft log
            }
            closeQuietly(writer);
        }
    }

    /** Closes without committing, as a crash would (for tests). */
    void crash() {
        batch.close();
        synchronized (writer) {
            closeQuietly(writer);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing after a failure: the first error is the one reported
            }
        }
    }
}
