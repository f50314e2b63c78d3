package org.zonekeeper.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Host;
import org.zonekeeper.api.NotFoundException;
import org.zonekeeper.api.Recovery;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;

/**
 * What applying a command or a query gave: model objects, or the reason it was refused. Refusals are values, so
 * every server applies the same entry the same way.
 */
public final class Outcome {

    private enum Kind { NONE, HOSTS, VMS, SERVERS, NOT_FOUND, REFUSED, HOOK_EXECUTIONS, RECOVERIES }

    private final Kind kind;
    private final List<?> items;
    private final String message;

    private Outcome(Kind kind, List<?> items, String message) {
        this.kind = kind;
        this.items = List.copyOf(items);
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

    public static Outcome recovery(Optional<Recovery> recovery) {
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

    /** For the services: the objects, or the refusal raised for the caller. */
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

    void write(Writer out) {
        out.enumValue(kind).text(message).i32(items.size());
        for (Object item : items) {
            switch (kind) {
                case HOSTS -> out.host((Host) item);
                case VMS -> out.vm((Vm) item);
                case SERVERS -> out.server((ZoneServer) item);
                case HOOK_EXECUTIONS -> out.hookExecution((HookExecution) item);
                case RECOVERIES -> out.recovery((Recovery) item);
                default -> throw new IllegalStateException("no items expected in " + kind);
            }
        }
    }

    static Outcome read(Reader in) {
        Kind kind = in.enumValue(Kind.class);
        String message = in.text();
        List<Object> read = new ArrayList<>();
        for (int n = in.i32(); n > 0; n--) {
            read.add(switch (kind) {
                case HOSTS -> in.host();
                case VMS -> in.vm();
                case SERVERS -> in.server();
                case HOOK_EXECUTIONS -> in.hookExecution();
                case RECOVERIES -> in.recovery();
                default -> throw new IllegalStateException("no items expected in " + kind);
            });
        }
        return new Outcome(kind, read, message);
    }
}
