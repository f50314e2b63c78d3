package org.zonekeeper.raft.internal.command;

import java.util.ArrayList;
import java.util.List;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.buffer.HeapBuffer;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;

/**
 * What applying a command or a query gave: model objects, or the reason it was refused. Refusals
 * travel as values so that every server applies the same entry the same way.
 */
public final class Outcome implements CatalystSerializable {

    private enum Kind { NONE, HOSTS, VMS, SERVERS, NOT_FOUND, REFUSED, HOOK_EXECUTIONS, RECOVERIES }

    private Kind kind;
    private List<?> items;
    private String message;

    public Outcome() {
    }

    private Outcome(Kind kind, List<?> items, String message) {
        this.kind = kind;
        this.items = items;
        this.message = message;
    }

    public static Outcome none() {
        return new Outcome(Kind.NONE, List.of(), null);
    }

    public static Outcome host(Host host) {
        return new Outcome(Kind.HOSTS, List.of(host), null);
    }

    public static Outcome hosts(List<Host> hosts) {
        return new Outcome(Kind.HOSTS, hosts, null);
    }

    public static Outcome vm(Vm vm) {
        return new Outcome(Kind.VMS, List.of(vm), null);
    }

    public static Outcome vms(List<Vm> vms) {
        return new Outcome(Kind.VMS, vms, null);
    }

    public static Outcome server(ZoneServer server) {
        return new Outcome(Kind.SERVERS, List.of(server), null);
    }

    public static Outcome servers(List<ZoneServer> servers) {
        return new Outcome(Kind.SERVERS, servers, null);
    }

    public static Outcome hookExecution(HookExecution execution) {
        return new Outcome(Kind.HOOK_EXECUTIONS, List.of(execution), null);
    }

    public static Outcome recovery(java.util.Optional<Recovery> recovery) {
        return new Outcome(Kind.RECOVERIES, recovery.map(List::of).orElse(List.of()), null);
    }

    /** The command was refused for the reason given; nothing changed. */
    public static Outcome refused(String reason) {
        return new Outcome(Kind.REFUSED, List.of(), reason);
    }

    /** The command names an object that does not exist; nothing changed. */
    public static Outcome notFound(String reason) {
        return new Outcome(Kind.NOT_FOUND, List.of(), reason);
    }

    public boolean isRefusal() {
        return kind == Kind.NOT_FOUND || kind == Kind.REFUSED;
    }

    /** The refusal's one line; null when it is not one. */
    public String reason() {
        return isRefusal() ? message : null;
    }

    /** This outcome as bytes, as it travels (kept by the state machine to answer a repeated request). */
    public byte[] encode() {
        try (HeapBuffer buffer = HeapBuffer.allocate()) {
            writeObject(buffer, null);
            buffer.flip();
            byte[] bytes = new byte[(int) buffer.remaining()];
            buffer.read(bytes);
            return bytes;
        }
    }

    public static Outcome decode(byte[] bytes) {
        try (HeapBuffer buffer = HeapBuffer.wrap(bytes)) {
            Outcome outcome = new Outcome();
            outcome.readObject(buffer, null);
            return outcome;
        }
    }

    /** The objects, or the refusal rethrown as it was raised on the leader. */
    @SuppressWarnings("unchecked")
    public <T> List<T> items() {
        if (kind == Kind.NOT_FOUND) {
            throw new NotFoundException(message);
        }
        if (kind == Kind.REFUSED) {
            throw new ZoneException(message);
        }
        return (List<T>) items;
    }

    public <T> T item() {
        List<T> all = items();
        return all.isEmpty() ? null : all.get(0);
    }

    @Override
    public void writeObject(BufferOutput<?> out, Serializer serializer) {
        out.writeByte(kind.ordinal());
        Wire.writeString(out, message);
        out.writeInt(items.size());
        for (Object item : items) {
            switch (kind) {
                case HOSTS -> Wire.writeHost(out, (Host) item);
                case VMS -> Wire.writeVm(out, (Vm) item);
                case SERVERS -> Wire.writeServer(out, (ZoneServer) item);
                case HOOK_EXECUTIONS -> Wire.writeHookExecution(out, (HookExecution) item);
                case RECOVERIES -> Wire.writeRecovery(out, (Recovery) item);
                default -> throw new IllegalStateException("no items expected in " + kind);
            }
        }
    }

    @Override
    public void readObject(BufferInput<?> in, Serializer serializer) {
        kind = Kind.values()[in.readByte()];
        message = Wire.readString(in);
        int size = in.readInt();
        List<Object> read = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            read.add(switch (kind) {
                case HOSTS -> Wire.readHost(in);
                case VMS -> Wire.readVm(in);
                case SERVERS -> Wire.readServer(in);
                case HOOK_EXECUTIONS -> Wire.readHookExecution(in);
                case RECOVERIES -> Wire.readRecovery(in);
                default -> throw new IllegalStateException("no items expected in " + kind);
            });
        }
        items = List.copyOf(read);
    }
}
