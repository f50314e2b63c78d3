package org.zonekeeper.replication.copycat.internal;

import java.io.InputStream;
import java.io.OutputStream;

import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

/** Copycat's snapshot files as streams, so that the database streams its snapshot in and out. */
final class SnapshotStreams {

    private SnapshotStreams() {
    }

    static OutputStream of(SnapshotWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                writer.writeByte(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writer.write(bytes, offset, length);
            }
        };
    }

    static InputStream of(SnapshotReader reader) {
        return new InputStream() {
            @Override
            public int read() {
                return reader.hasRemaining() ? reader.readByte() & 0xff : -1;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                long remaining = reader.remaining();
                if (remaining <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, remaining);
                reader.read(bytes, offset, n);
                return n;
            }
        };
    }
}
