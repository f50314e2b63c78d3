package org.zonekeeper.raft.internal.command;

import java.util.EnumSet;
import java.util.Set;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.HostState;
import org.zonekeeper.api.fencing.FencingLevels;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneServer;

/** Field codecs shared by the commands and results that travel through Raft. */
final class Wire {

    private Wire() {
    }

    static void writeString(BufferOutput<?> out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF8(value);
        }
    }

    static String readString(BufferInput<?> in) {
        return in.readBoolean() ? in.readUTF8() : null;
    }

    static void writeHost(BufferOutput<?> out, Host h) {
        out.writeLong(h.id());
        writeString(out, h.name());
        writeString(out, h.state().name());
        writeString(out, h.cluster());
        out.writeInt(h.cpu()).writeLong(h.memoryMb());
        writeString(out, h.vmmDriver());
        writeString(out, h.imDriver());
        out.writeBoolean(h.enabled()).writeLong(h.updated());
        writeString(out, h.fencingLevels().format());
        out.writeLong(h.monitored());
        writeString(out, h.address());
    }

    static Host readHost(BufferInput<?> in) {
        return new Host(in.readLong(), readString(in), HostState.valueOf(readString(in)), readString(in),
                in.readInt(), in.readLong(), readString(in), readString(in), in.readBoolean(), in.readLong(),
                FencingLevels.parse(readString(in)), in.readLong(), readString(in));
    }

    static void writeVm(BufferOutput<?> out, Vm v) {
        out.writeLong(v.id());
        writeString(out, v.name());
        writeString(out, v.state().name());
        out.writeLong(v.hostId()).writeInt(v.cpu()).writeLong(v.memoryMb()).writeLong(v.diskMb());
        writeString(out, v.template());
        out.writeLong(v.updated());
    }

    static Vm readVm(BufferInput<?> in) {
        return new Vm(in.readLong(), readString(in), VmState.valueOf(readString(in)), in.readLong(), in.readInt(),
                in.readLong(), in.readLong(), readString(in), in.readLong());
    }

    static void writeServer(BufferOutput<?> out, ZoneServer s) {
        out.writeInt(s.id());
        writeString(out, s.name());
        writeString(out, s.endpoint());
    }

    static ZoneServer readServer(BufferInput<?> in) {
        return new ZoneServer(in.readInt(), readString(in), readString(in));
    }

    static <E extends Enum<E>> void writeEnumSet(BufferOutput<?> out, Set<E> set) {
        long bits = 0;
        for (E e : set) {
            bits |= 1L << e.ordinal();
        }
        out.writeLong(bits);
    }

    static <E extends Enum<E>> Set<E> readEnumSet(BufferInput<?> in, Class<E> type) {
        long bits = in.readLong();
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((bits & (1L << e.ordinal())) != 0) {
                set.add(e);
            }
        }
        return set;
    }

    static void writeHookExecution(BufferOutput<?> out, HookExecution h) {
        out.writeLong(h.id());
        writeString(out, h.hook());
        out.writeLong(h.eventId());
        writeString(out, h.event());
        writeString(out, h.objectType());
        out.writeLong(h.objectId());
        writeString(out, h.objectName());
        writeString(out, h.arguments());
        out.writeLong(h.started()).writeLong(h.ended()).writeByte(h.state().ordinal()).writeInt(h.exitCode());
        writeString(out, h.stdout());
        writeString(out, h.stderr());
        writeString(out, h.reason());
        out.writeInt(h.attempt()).writeLong(h.retryOf());
    }

    static HookExecution readHookExecution(BufferInput<?> in) {
        return new HookExecution(in.readLong(), readString(in), in.readLong(), readString(in), readString(in),
                in.readLong(), readString(in), readString(in), in.readLong(), in.readLong(),
                HookExecution.State.values()[in.readByte()], in.readInt(), readString(in), readString(in),
                readString(in), in.readInt(), in.readLong());
    }

    static void writeRecovery(BufferOutput<?> out, Recovery r) {
        out.writeLong(r.hostId());
        writeString(out, r.hostName());
        writeString(out, r.step());
        out.writeInt(r.attempts()).writeLong(r.started()).writeLong(r.updated());
        writeString(out, r.detail());
    }

    static Recovery readRecovery(BufferInput<?> in) {
        return new Recovery(in.readLong(), readString(in), readString(in), in.readInt(), in.readLong(), in.readLong(),
                readString(in));
    }
}
