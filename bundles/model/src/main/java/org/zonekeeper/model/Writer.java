package org.zonekeeper.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;

/** Writes the fields of commands and outcomes in the model's binary layout (big-endian, UTF-8 text). */
public final class Writer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer() {
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    public Writer i8(int value) {
        return io(() -> out.writeByte(value));
    }

    public Writer i32(int value) {
        return io(() -> out.writeInt(value));
    }

    public Writer i64(long value) {
        return io(() -> out.writeLong(value));
    }

    public Writer bool(boolean value) {
        return io(() -> out.writeBoolean(value));
    }

    /** Text, or null: a presence flag, then the length in bytes and the UTF-8 bytes. */
    public Writer text(String value) {
        bool(value != null);
        if (value != null) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            i32(utf8.length);
            io(() -> out.write(utf8));
        }
        return this;
    }

    public <E extends Enum<E>> Writer enumValue(E value) {
        return i8(value == null ? -1 : value.ordinal());
    }

    public <E extends Enum<E>> Writer enumSet(Set<E> set) {
        long bits = 0;
        for (E e : set) {
            bits |= 1L << e.ordinal();
        }
        return i64(bits);
    }

    public Writer host(Host h) {
        i64(h.id()).text(h.name()).enumValue(h.state()).text(h.cluster()).i32(h.cpu()).i64(h.memoryMb());
        text(h.vmmDriver()).text(h.imDriver()).bool(h.enabled()).i64(h.updated());
        return text(h.fencingLevels().format()).i64(h.monitored()).text(h.address()).i64(h.fencingAttempt());
    }

    public Writer vm(Vm v) {
        i64(v.id()).text(v.name()).enumValue(v.state()).i64(v.hostId()).i32(v.cpu()).i64(v.memoryMb());
        return i64(v.diskMb()).text(v.template()).i64(v.updated()).i64(v.placement()).bool(v.ha()).i32(v.priority());
    }

    public Writer server(ZoneServer s) {
        return i32(s.id()).text(s.name()).text(s.endpoint());
    }

    public Writer event(ZoneEvent e) {
        return i64(e.id()).i64(e.time()).text(e.name()).text(e.objectType()).i64(e.objectId()).text(e.objectName());
    }

    public Writer hookExecution(HookExecution h) {
        i64(h.id()).text(h.hook()).i64(h.eventId()).text(h.event()).text(h.objectType()).i64(h.objectId());
        text(h.objectName()).text(h.arguments()).i64(h.started()).i64(h.ended()).enumValue(h.state());
        return i32(h.exitCode()).text(h.stdout()).text(h.stderr()).text(h.reason()).i32(h.attempt()).i64(h.retryOf());
    }

    public Writer recovery(Recovery r) {
        i64(r.hostId()).text(r.hostName()).text(r.step()).i32(r.attempts()).i64(r.started()).i64(r.updated());
        return text(r.detail());
    }

    private interface Io {
        void run() throws IOException;
    }

    private Writer io(Io write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return this;
    }
}
