package org.zonekeeper.store.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HexFormat;

import org.zonekeeper.store.DatabaseType;
import org.zonekeeper.store.StoreException;

/**
 * Writes and reads the replicated tables as a portable stream: the same content gives the same bytes
 * on H2 and on MySQL, so the stream serves both as snapshot and as digest input.
 */
public final class TableDump {

    private static final int SNAPSHOT_MAGIC = 0x5a4b5331; // "ZKS1"
    private static final byte ROW = 1;
    /** Rows fetched (H2) or inserted at a time. */
    private static final int FETCH_ROWS = 1000;
    private static final byte END = 0;

    private TableDump() {
    }

    /** Streams every replicated table, row by row (MySQL/MariaDB rows are fetched one at a time). */
    public static void write(Connection connection, DataOutputStream out, DatabaseType type)
            throws SQLException, IOException {
        for (String[] table : Schema.TABLES) {
            out.writeUTF(table[0]);
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(type == DatabaseType.MYSQL ? Integer.MIN_VALUE : FETCH_ROWS);
                writeRows(statement.executeQuery("SELECT * FROM " + table[0] + " ORDER BY " + table[1]), out);
            }
            out.writeByte(END);
        }
    }

    private static void writeRows(ResultSet result, DataOutputStream out) throws SQLException, IOException {
        try (ResultSet rs = result) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.writeByte(ROW);
                for (int c = 1; c <= columns; c++) {
                    writeValue(out, rs.getObject(c));
                }
            }
        }
    }

    /** SHA-256 of the stream of every replicated table. */
    public static String digest(Connection connection, DatabaseType type) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DataOutputStream out = new DataOutputStream(
                    new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
                write(connection, out, type);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | SQLException | IOException e) {
            throw new StoreException("cannot compute digest: " + e.getMessage(), e);
        }
    }

    /** A snapshot starts with the magic and the applied index it was taken at. */
    public static void writeHeader(DataOutputStream out, long index) throws IOException {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeLong(index);
    }

    public static long readHeader(DataInputStream in) throws IOException {
        if (in.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a zonekeeper snapshot");
        }
        return in.readLong();
    }

    /** Replaces the content of every replicated table; the caller owns the transaction. */
    public static void read(Connection connection, DataInputStream in) throws SQLException, IOException {
        for (String[] table : Schema.TABLES) {
            String name = in.readUTF();
            if (!name.equals(table[0])) {
                throw new IOException("snapshot holds table " + name + " where " + table[0] + " was expected");
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + name);
            }
            int columns = columnCount(connection, name);
            String insert = "INSERT INTO " + name + " VALUES (" + String.join(", ", Collections.nCopies(columns, "?"))
                    + ")";
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                int batched = 0;
                while (in.readByte() == ROW) {
                    for (int c = 1; c <= columns; c++) {
                        statement.setObject(c, readValue(in));
                    }
                    statement.addBatch();
                    if (++batched == FETCH_ROWS) {
                        statement.executeBatch();
                        batched = 0;
                    }
                }
                statement.executeBatch();
            }
        }
    }

    private static int columnCount(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnCount();
        }
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte('N');
        } else if (value instanceof Boolean b) {
            out.writeByte('B');
            out.writeBoolean(b);
        } else if (value instanceof byte[] || value instanceof Blob) {
            byte[] bytes = value instanceof Blob blob ? bytes(blob) : (byte[]) value;
            out.writeByte('X');
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof Number n) {
            out.writeByte('L');
            out.writeLong(n.longValue());
        } else {
            out.writeByte('S');
            out.writeUTF(value.toString());
        }
    }

    private static byte[] bytes(Blob blob) throws IOException {
        try {
            return blob.getBytes(1, (int) blob.length());
        } catch (SQLException e) {
            throw new IOException("cannot read a BLOB: " + e.getMessage(), e);
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case 'N' -> null;
            case 'B' -> in.readBoolean();
            case 'L' -> in.readLong();
            case 'S' -> in.readUTF();
            case 'X' -> in.readNBytes(in.readInt());
            default -> throw new IOException("snapshot holds an unknown value type " + type);
        };
    }
}
