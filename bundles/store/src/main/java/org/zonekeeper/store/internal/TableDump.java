package org.zonekeeper.store.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;

/**
 * Writes and reads the replicated tables as a portable stream: the same content gives the same bytes
 * on H2 and on MySQL, so the stream serves both as snapshot and as digest input.
 */
public final class TableDump {

    private static final byte ROW = 1;
    private static final byte END = 0;

    private TableDump() {
    }

    public static void write(Connection connection, DataOutputStream out) throws SQLException, IOException {
        for (String[] table : Schema.TABLES) {
            out.writeUTF(table[0]);
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT * FROM " + table[0] + " ORDER BY " + table[1])) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    out.writeByte(ROW);
                    for (int c = 1; c <= columns; c++) {
                        writeValue(out, rs.getObject(c));
                    }
                }
            }
            out.writeByte(END);
        }
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
                while (in.readByte() == ROW) {
                    for (int c = 1; c <= columns; c++) {
                        statement.setObject(c, readValue(in));
                    }
                    statement.executeUpdate();
                }
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
