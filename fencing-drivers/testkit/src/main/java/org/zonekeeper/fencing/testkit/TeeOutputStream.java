package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams, e.g. stderr and a buffer a test searches for leaked secrets. */
public final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    public TeeOutputStream(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
        a.write(c);
        synchronized (b) {
            b.write(c);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        a.write(buf, off, len);
        synchronized (b) {
            b.write(buf, off, len);
        }
    }
}
