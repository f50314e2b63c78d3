package org.zonekeeper.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.zonekeeper.store.StoreException;

/**
 * The entries applied on one connection and not committed yet. A commit records the index of the last entry it
 * holds ({@code zk_applied}); it happens once {@code maxEntries} are pending or {@code maxDelayMs} after the first
 * of them. Every method but {@link #applied()} is called holding the connection's lock.
 */
public final class Batch {

    private final Connection connection;
    private final int maxEntries;
    private final long maxDelayMs;
    private final Runnable due;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "zonekeeper-db-commit");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long applied;
    private long committed;
    private int pending;
    private ScheduledFuture<?> scheduled;

    /** {@code due} is run on the batch's own thread when a commit is due by time. */
    public Batch(Connection connection, int maxEntries, long maxDelayMs, Runnable due) throws SQLException {
        this.connection = connection;
        this.maxEntries = maxEntries;
        this.maxDelayMs = maxDelayMs;
        this.due = due;
        List<Long> rows = new JdbcTables(connection).query("SELECT log_index FROM zk_applied WHERE id = 1",
                rs -> rs.getLong(1));
        connection.commit();
        this.committed = rows.isEmpty() ? 0 : rows.get(0);
        this.applied = committed;
    }

    /** The last entry applied, committed or not. */
    public long applied() {
        return applied;
    }

    /** Records that the entry {@code index} was applied; commits when the batch is full. */
    public void applied(long index) {
        applied = index;
        if (++pending >= maxEntries) {
            commit();
        } else if (scheduled == null) {
            scheduled = timer.schedule(due, maxDelayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Commits every applied entry with the last one's index. */
    public void commit() {
        cancel();
        if (applied == committed) {
            return;
        }
        try {
            writeIndex(applied);
            connection.commit();
            committed = applied;
            pending = 0;
        } catch (SQLException | StoreException e) {
            throw new StoreException("cannot commit entries up to " + applied + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends a transaction that only read, so that it holds no lock (a metadata lock would block DDL on the tables);
     * with entries pending, their commit ends it within the batch delay.
     */
    public void endRead() {
        if (pending == 0) {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new StoreException("database read failed: " + e.getMessage(), e);
            }
        }
    }

    /** Drops what is not committed: the applied index is the committed one again. */
    public void drop() {
        cancel();
        applied = committed;
        pending = 0;
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: nothing of the batch was committed
        }
    }

    /** Commits the content as it stands at {@code index} (a snapshot installed in the open transaction). */
    public void commitAt(long index) throws SQLException {
        cancel();
        writeIndex(index);
        connection.commit();
        applied = index;
        committed = index;
        pending = 0;
    }

    public void close() {
        timer.shutdownNow();
    }

    private void writeIndex(long index) {
        JdbcTables tables = new JdbcTables(connection);
        if (tables.update("UPDATE zk_applied SET log_index = ? WHERE id = 1", index) == 0) {
            tables.update("INSERT INTO zk_applied (id, log_index) VALUES (1, ?)", index);
        }
    }

    private void cancel() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }
}
