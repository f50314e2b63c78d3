package org.zonekeeper.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneEvent;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.FencingLevels;

/**
 * Reads what {@link Writer} wrote. Bytes that do not hold a valid layout (short, a length past the end, an unknown
 * enum value) raise {@link Malformed}, which {@link Codec} turns into a refusal of the entry.
 */
public final class Reader {

    /** The bytes do not hold what was expected; the message says what. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final ByteBuffer in;

    Reader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    boolean atEnd() {
        return !in.hasRemaining();
    }

    public int i8() {
        return get(() -> (int) in.get());
    }

    public int i32() {
        return get(in::getInt);
    }

    public long i64() {
        return get(in::getLong);
    }

    public boolean bool() {
        return i8() != 0;
    }

    public String text() {
        if (!bool()) {
            return null;
        }
        int length = i32();
        if (length < 0 || length > in.remaining()) {
            throw new Malformed("a text of " + length + " bytes where " + in.remaining() + " remain");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public <E extends Enum<E>> E enumValue(Class<E> type) {
        int ordinal = i8();
        E[] values = type.getEnumConstants();
        if (ordinal < 0 || ordinal >= values.length) {
            throw new Malformed("no " + type.getSimpleName() + " number " + ordinal);
        }
        return values[ordinal];
    }

    public <E extends Enum<E>> Set<E> enumSet(Class<E> type) {
        long bits = i64();
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((bits & (1L << e.ordinal())) != 0) {
                set.add(e);
            }
        }
        return set;
    }

    public FencingLevels fencingLevels() {
        String text = text();
        try {
            return FencingLevels.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Malformed(e.getMessage());
        }
    }

    public Host host() {
        return new Host(i64(), text(), enumValue(HostState.class), text(), i32(), i64(), text(), text(), bool(), i64(),
                fencingLevels(), i64(), text(), i64());
    }

    public Vm vm() {
        return new Vm(i64(), text(), enumValue(VmState.class), i64(), i32(), i64(), i64(), text(), i64(), i64(), bool(),
                i32());
    }

    public ZoneServer server() {
        return new ZoneServer(i32(), text(), text());
    }

    public ZoneEvent event() {
        return new ZoneEvent(i64(), i64(), text(), text(), i64(), text());
    }

    public HookExecution hookExecution() {
        return new HookExecution(i64(), text(), i64(), text(), text(), i64(), text(), text(), i64(), i64(),
                enumValue(HookExecution.State.class), i32(), text(), text(), text(), i32(), i64());
    }

    public Recovery recovery() {
        return new Recovery(i64(), text(), text(), i32(), i64(), i64(), text());
    }

    private interface Get<T> {
        T get();
    }

    private <T> T get(Get<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new Malformed("the entry ends early, at byte " + in.position());
        }
    }
}
