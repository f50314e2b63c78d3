package org.zonekeeper.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.store.internal.Drivers;
import org.zonekeeper.store.internal.JdbcTables;
import org.zonekeeper.store.internal.Schema;
import org.zonekeeper.store.internal.TableDump;

/**
 * One server's copy of the zone. Each log entry is applied in one transaction that also records its
 * index, so after a restart an entry is never applied twice and none is skipped. Apply, install and
 * snapshot run on the state machine's thread; reads may come from any thread.
 */
public final class ZoneDatabase implements ZoneReader, AutoCloseable {

    private static final int SNAPSHOT_MAGIC = 0x5a4b5331; // "ZKS1"

    private final DatabaseSettings settings;
    private final Connection writer;
    private final Connection reader;
    private volatile long appliedIndex;

    private ZoneDatabase(DatabaseSettings settings, Connection writer, Connection reader) throws SQLException {
        this.settings = settings;
        this.writer = writer;
        this.reader = reader;
        this.appliedIndex = readAppliedIndex();
    }

    public static ZoneDatabase open(DatabaseSettings settings) {
        Connection writer = null;
        try {
            if (settings.dataDir() != null) {
                Files.createDirectories(settings.dataDir());
            }
            writer = Drivers.connect(settings);
            writer.setAutoCommit(false);
            Schema.create(writer, settings.type());
            Connection reader = Drivers.connect(settings);
            reader.setAutoCommit(true);
            return new ZoneDatabase(settings, writer, reader);
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
            JdbcTables tables = new JdbcTables(connection);
            for (String table : Schema.ALL) {
                tables.query("SELECT 1 FROM " + table + " WHERE 1 = 0", rs -> 1);
            }
            List<Long> applied = tables.query("SELECT log_index FROM zk_applied WHERE id = 1", rs -> rs.getLong(1));
            return applied.isEmpty() ? 0 : applied.get(0);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to database " + settings + ": " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Applies the entry at {@code index} unless it already was, and records the index with it. The work refuses by
     * its result (see {@link ZoneTransaction#attempt}); any exception it throws is a local failure: nothing of the
     * entry is committed and it is thrown as a {@link StoreException}.
     *
     * @return the work's result, or null when the entry had been applied before
     */
    public <T> T apply(long index, Function<ZoneTransaction, T> work) {
        if (index <= appliedIndex) {
            return null;
        }
        try {
            T result = work.apply(new JdbcTables(writer));
            commitIndex(index);
            return result;
        } catch (StoreException e) {
            rollback();
            throw e;
        } catch (RuntimeException e) {
            rollback();
            throw new StoreException("applying entry " + index + " failed: " + e, e);
        }
    }

    /** The applied index and every replicated row. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SNAPSHOT_MAGIC);
            out.writeLong(appliedIndex);
            TableDump.write(writer, out);
            writer.commit();
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot write snapshot: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The applied index a snapshot was taken at. */
    public static long snapshotIndex(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            checkMagic(in);
            return in.readLong();
        } catch (IOException e) {
            throw new StoreException("unreadable snapshot: " + e.getMessage(), e);
        }
    }

    /** Replaces the whole content and the applied index with the snapshot's, in one transaction. */
    public void install(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            checkMagic(in);
            long index = in.readLong();
            TableDump.read(writer, in);
            writeAppliedIndex(index);
            writer.commit();
            appliedIndex = index;
        } catch (SQLException | IOException e) {
            rollback();
            throw new StoreException("cannot install snapshot: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the replicated content (not of the applied index): equal on servers that agree. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            synchronized (reader) {
                try (DataOutputStream out = new DataOutputStream(
                        new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
                    TableDump.write(reader, out);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | SQLException | IOException e) {
            throw new StoreException("cannot compute digest: " + e.getMessage(), e);
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
        synchronized (reader) {
            return query.apply(new JdbcTables(reader));
        }
    }

    @Override
    public void close() {
        closeQuietly(writer);
        closeQuietly(reader);
    }

    private void commitIndex(long index) {
        try {
            writeAppliedIndex(index);
            writer.commit();
            appliedIndex = index;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot commit entry " + index + ": " + e.getMessage(), e);
        }
    }

    private void writeAppliedIndex(long index) {
        JdbcTables tables = new JdbcTables(writer);
        if (tables.update("UPDATE zk_applied SET log_index = ? WHERE id = 1", index) == 0) {
            tables.update("INSERT INTO zk_applied (id, log_index) VALUES (1, ?)", index);
        }
    }

    private long readAppliedIndex() throws SQLException {
        List<Long> rows = new JdbcTables(writer).query("SELECT log_index FROM zk_applied WHERE id = 1",
                rs -> rs.getLong(1));
        writer.commit();
        return rows.isEmpty() ? 0 : rows.get(0);
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            throw new StoreException("rollback failed: " + e.getMessage(), e);
        }
    }

    private static void checkMagic(DataInputStream in) throws IOException {
        if (in.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a zonekeeper snapshot");
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
