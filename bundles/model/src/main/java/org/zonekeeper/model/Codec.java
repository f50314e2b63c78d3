package org.zonekeeper.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one binary layout of the replicated log's entries: a layout byte ({@value #LAYOUT}), the command's type
 * number, its request id, then its fields as it writes them. An entry that does not decode is not an error of the
 * server: {@link #decode} says what is wrong, and the state machine refuses the entry at its index, as every server
 * does.
 */
public final class Codec {

    /** The layout of entries this build writes and reads. */
    public static final int LAYOUT = 1;

    /** A command type; {@code written}: false for an older layout, still read but no longer written. */
    private record Type(Class<? extends ZoneCommand> type, BiFunction<Reader, String, ZoneCommand> read,
            boolean written) {
        Type(Class<? extends ZoneCommand> type, BiFunction<Reader, String, ZoneCommand> read) {
            this(type, read, true);
        }
    }

    /** Type numbers are the position in this list: append, never reorder. */
    private static final List<Type> TYPES = List.of(
            new Type(CreateHost.class, CreateHost::read),
            new Type(DeleteHost.class, DeleteHost::read),
            new Type(SetHostEnabled.class, SetHostEnabled::read),
            new Type(SetFencingLevels.class, SetFencingLevels::read),
            new Type(SetHostState.class, SetHostState::read),
            new Type(RecordMonitoring.class, RecordMonitoring::read),
            new Type(CreateVm.class, CreateVm::read),
            new Type(DeleteVm.class, DeleteVm::read),
            new Type(PlaceVm.class, PlaceVm::read),
            new Type(SetVmState.class, SetVmState::read),
            new Type(StartHookExecution.class, StartHookExecution::read),
            new Type(FinishHookExecution.class, FinishHookExecution::read),
            new Type(AdvanceCursor.class, AdvanceCursor::read),
            new Type(RecordRecovery.class, RecordRecovery::read),
            new Type(RegisterServers.class, RegisterServers::read),
            new Type(AddServer.class, AddServer::read),
            new Type(DeleteServer.class, DeleteServer::read),
            new Type(LeadTerm.class, LeadTerm::readFirstRules, false),
            new Type(AsLeader.class, AsLeader::read),
            new Type(RemoveVm.class, RemoveVm::read),
            new Type(DeclareHostOff.class, DeclareHostOff::read),
            new Type(SetHostMaintenance.class, SetHostMaintenance::read),
            new Type(RecordFencing.class, RecordFencing::read),
            new Type(StopVm.class, StopVm::read),
            new Type(StartVm.class, StartVm::read),
            new Type(RecoverVm.class, RecoverVm::read),
            new Type(SetVmHa.class, SetVmHa::read),
            new Type(LeadTerm.class, LeadTerm::read));

    private static final Map<Class<?>, Integer> NUMBERS = IntStream.range(0, TYPES.size()).boxed()
            .filter(i -> TYPES.get(i).written())
            .collect(Collectors.toUnmodifiableMap(i -> TYPES.get(i).type(), i -> i));

    private Codec() {
    }

    /** A decoded entry: the command, or why the bytes hold none. */
    public record Decoded(Optional<ZoneCommand> command, String problem) {
    }

    public static byte[] encode(ZoneCommand command) {
        Writer out = new Writer().i8(LAYOUT).i32(number(command)).text(command.requestId());
        command.write(out);
        return out.toBytes();
    }

    public static Decoded decode(byte[] entry) {
        try {
            Reader in = new Reader(entry);
            int layout = in.i8();
            if (layout != LAYOUT) {
                return malformed("an entry of layout " + layout + "; this server reads layout " + LAYOUT
                        + " (see docs/operations.md, 'Upgrading')");
            }
            int number = in.i32();
            ZoneCommand command = read(number, in, in.text());
            return in.atEnd() ? new Decoded(Optional.of(command), null)
                    : malformed("bytes left after a " + command.getClass().getSimpleName());
        } catch (Reader.Malformed e) {
            return malformed(e.getMessage());
        }
    }

    /** The type number of a command of the model. */
    static int number(ZoneCommand command) {
        Integer number = command == null ? null : NUMBERS.get(command.getClass());
        if (number == null) {
            throw new IllegalArgumentException("not a command of the model: " + command);
        }
        return number;
    }

    /** Reads the fields of a command of type {@code number}. */
    static ZoneCommand read(int number, Reader in, String requestId) {
        if (number < 0 || number >= TYPES.size()) {
            throw new Reader.Malformed("no command type " + number);
        }
        return TYPES.get(number).read().apply(in, requestId);
    }

    private static Decoded malformed(String problem) {
        return new Decoded(Optional.empty(), "malformed entry: " + problem);
    }

    public static byte[] encode(Outcome outcome) {
        Writer out = new Writer();
        outcome.write(out);
        return out.toBytes();
    }

    /** An outcome this build encoded (a server's own answers and stored outcomes, never input). */
    public static Outcome decodeOutcome(byte[] bytes) {
        return Outcome.read(new Reader(bytes));
    }
}
