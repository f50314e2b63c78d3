package org.zonekeeper.raft.internal;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.raft.internal.command.AddServer;
import org.zonekeeper.raft.internal.command.CreateHost;
import org.zonekeeper.raft.internal.command.CreateVm;
import org.zonekeeper.raft.internal.command.DeleteHost;
import org.zonekeeper.raft.internal.command.DeleteServer;
import org.zonekeeper.raft.internal.command.DeleteVm;
import org.zonekeeper.raft.internal.command.Outcome;
import org.zonekeeper.raft.internal.command.ReadModel;
import org.zonekeeper.raft.internal.command.RegisterServers;
import org.zonekeeper.raft.internal.command.AdvanceCursor;
import org.zonekeeper.raft.internal.command.FinishHookExecution;
import org.zonekeeper.raft.internal.command.PlaceVm;
import org.zonekeeper.raft.internal.command.RecordRecovery;
import org.zonekeeper.raft.internal.command.StartHookExecution;
import org.zonekeeper.raft.internal.command.RecordMonitoring;
import org.zonekeeper.raft.internal.command.SetFencingLevels;
import org.zonekeeper.raft.internal.command.SetHostState;
import org.zonekeeper.raft.internal.command.SetVmState;
import org.zonekeeper.raft.internal.command.SetHostEnabled;
import org.zonekeeper.raft.internal.command.ZoneCommand;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.store.ZoneTransaction;

/**
 * Applies committed commands to the local database, each in one transaction with its log index, and snapshots the
 * database for log compaction.
 *
 * <ul>
 * <li>Input never fails an apply: a command whose fields do not check out, or that its rule refuses, is recorded at
 * its index as a refusal, the same on every server; an exception a rule throws for any other reason than the
 * database is recorded the same way.</li>
 * <li>A request applied before (same request id, sent again after a lost session) is answered with its first outcome
 * and not applied again.</li>
 * <li>A failure of the local database stops this state machine at that entry: it and every later one are left
 * unapplied (never skipped), the owner is told, and the server resumes from the database's applied index once it
 * is restarted.</li>
 * </ul>
 */
final class ZoneStateMachine extends StateMachine implements Snapshottable {

    /** How many log entries a request id is remembered for. */
    static final long REQUESTS_KEPT = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(ZoneStateMachine.class);

    private final ZoneDatabase database;
    private final Consumer<StoreException> onDatabaseFailure;
    private volatile StoreException halted;

    ZoneStateMachine(ZoneDatabase database, Consumer<StoreException> onDatabaseFailure) {
        this.database = database;
        this.onDatabaseFailure = onDatabaseFailure;
    }

    @Override
    protected void configure(StateMachineExecutor executor) {
        executor.register(CreateHost.class, c -> apply(c, (tx, cmd) -> ZoneRules.createHost(tx, cmd.spec(), time(c))));
        executor.register(DeleteHost.class, c -> apply(c, (tx, cmd) -> ZoneRules.deleteHost(tx, cmd.ref(), time(c))));
        executor.register(SetHostEnabled.class, c -> apply(c, (tx, cmd) ->
                ZoneRules.setHostEnabled(tx, cmd.ref(), cmd.enabled(), time(c))));
        executor.register(SetFencingLevels.class, c -> apply(c, (tx, cmd) ->
                ZoneRules.setFencingLevels(tx, cmd.ref(), cmd.levels(), time(c))));
        executor.register(SetHostState.class, c -> apply(c, (tx, cmd) ->
                HaRules.setHostState(tx, cmd.ref(), cmd.from(), cmd.to(), time(c))));
        executor.register(RecordMonitoring.class, c -> apply(c, (tx, cmd) -> HaRules.recordMonitoring(tx,
                cmd.probes())));
        executor.register(PlaceVm.class, c -> apply(c, (tx, cmd) ->
                HaRules.placeVm(tx, cmd.ref(), cmd.host(), cmd.from(), time(c))));
        executor.register(SetVmState.class, c -> apply(c, (tx, cmd) ->
                HaRules.setVmState(tx, cmd.ref(), cmd.from(), cmd.to(), cmd.hostId(), time(c))));
        executor.register(StartHookExecution.class, c -> apply(c, (tx, cmd) -> LogRules.startHook(tx, cmd.hook(),
                cmd.event(), cmd.arguments(), cmd.attempt(), cmd.retryOf(), time(c))));
        executor.register(FinishHookExecution.class, c -> apply(c, (tx, cmd) -> LogRules.finishHook(tx, cmd,
                time(c))));
        executor.register(AdvanceCursor.class, c -> apply(c, (tx, cmd) -> LogRules.advance(tx, cmd.name(),
                cmd.eventId())));
        executor.register(RecordRecovery.class, c -> apply(c, (tx, cmd) -> LogRules.record(tx, cmd, time(c))));
        executor.register(CreateVm.class, c -> apply(c, (tx, cmd) -> ZoneRules.createVm(tx, cmd.spec(), time(c))));
        executor.register(DeleteVm.class, c -> apply(c, (tx, cmd) -> ZoneRules.deleteVm(tx, cmd.ref(), time(c))));
        executor.register(RegisterServers.class, c -> apply(c, (tx, cmd) -> ZoneRules.registerServers(tx,
                cmd.servers())));
        executor.register(AddServer.class, c -> apply(c, (tx, cmd) -> ZoneRules.addServer(tx, cmd.name(),
                cmd.endpoint())));
        executor.register(DeleteServer.class, c -> apply(c, (tx, cmd) -> ZoneRules.deleteServer(tx, cmd.id())));
        executor.register(ReadModel.class, this::read);
    }

    private static long time(Commit<?> commit) {
        return commit.time().toEpochMilli();
    }

    private <C extends ZoneCommand> Outcome apply(Commit<C> commit, BiFunction<ZoneTransaction, C, Outcome> rule) {
        try {
            requireRunning();
            long index = commit.index();
            C command = commit.operation();
            Outcome outcome = database.apply(index, tx -> once(tx, index, command, rule));
            return outcome == null ? Outcome.none() : outcome;
        } catch (StoreException e) {
            halt(e);
            throw e;
        } finally {
            commit.close();
        }
    }

    /** The first outcome of a request applied before, or the command applied now and remembered. */
    private static <C extends ZoneCommand> Outcome once(ZoneTransaction tx, long index, C command,
            BiFunction<ZoneTransaction, C, Outcome> rule) {
        Optional<byte[]> earlier = tx.requestOutcome(command.requestId());
        if (earlier.isPresent()) {
            return Outcome.decode(earlier.get());
        }
        Outcome outcome = tx.attempt(t -> decide(t, command, rule), Outcome::isRefusal);
        tx.putRequest(command.requestId(), index, outcome.encode());
        tx.pruneRequests(index - REQUESTS_KEPT);
        return outcome;
    }

    private static <C extends ZoneCommand> Outcome decide(ZoneTransaction tx, C command,
            BiFunction<ZoneTransaction, C, Outcome> rule) {
        Optional<String> invalid = command.validation().refusal();
        if (invalid.isPresent()) {
            return Outcome.refused(invalid.get());
        }
        try {
            return rule.apply(tx, command);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // the same code on the same entry and content throws the same way on every server: a refusal
            LOG.warn("refused {} {}: its rule failed", command.getClass().getSimpleName(), command.requestId(), e);
            return Outcome.refused(command.getClass().getSimpleName() + " could not be applied ("
                    + e.getClass().getSimpleName() + "); see the servers' logs");
        }
    }

    private Outcome read(Commit<ReadModel> commit) {
        try {
            requireRunning();
            return switch (commit.operation().part()) {
                case HOSTS -> Outcome.hosts(database.hosts());
                case VMS -> Outcome.vms(database.vms());
                case SERVERS -> Outcome.servers(database.servers());
            };
        } catch (StoreException e) {
            halt(e);
            throw e;
        } finally {
            commit.close();
        }
    }

    private void requireRunning() {
        StoreException cause = halted;
        if (cause != null) {
            throw new StoreException("not applied: this server stopped at an earlier entry (" + cause.getMessage()
                    + ")", cause);
        }
    }

    private void halt(StoreException e) {
        if (halted == null) {
            halted = e;
            LOG.error("stopped applying the log after entry {}: {}", database.appliedIndex(), e.getMessage());
        }
        onDatabaseFailure.accept(halted);
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        requireRunning();
        byte[] snapshot = database.snapshot();
        writer.writeInt(snapshot.length);
        writer.write(snapshot);
    }

    @Override
    public void install(SnapshotReader reader) {
        requireRunning();
        byte[] snapshot = new byte[reader.readInt()];
        reader.read(snapshot);
        // after a restart the database may already be past the snapshot: entries up to its index are skipped
        if (ZoneDatabase.snapshotIndex(snapshot) > database.appliedIndex()) {
            try {
                database.install(snapshot);
            } catch (StoreException e) {
                halt(e);
                throw e;
            }
        }
    }
}
