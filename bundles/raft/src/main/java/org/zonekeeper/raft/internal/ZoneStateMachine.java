package org.zonekeeper.raft.internal;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

import org.zonekeeper.api.ZoneException;
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
 * Applies committed commands to the local database, each in one transaction with its log index, and
 * snapshots the database for log compaction. A database failure is fatal for this server.
 */
final class ZoneStateMachine extends StateMachine implements Snapshottable {

    private final ZoneDatabase database;
    private final Consumer<StoreException> onDatabaseFailure;

    ZoneStateMachine(ZoneDatabase database, Consumer<StoreException> onDatabaseFailure) {
        this.database = database;
        this.onDatabaseFailure = onDatabaseFailure;
    }

    @Override
    protected void configure(StateMachineExecutor executor) {
        executor.register(CreateHost.class, c -> apply(c, (tx, cmd) ->
                Outcome.host(ZoneRules.createHost(tx, cmd.spec(), c.time().toEpochMilli()))));
        executor.register(DeleteHost.class, c -> apply(c, (tx, cmd) ->
                Outcome.host(ZoneRules.deleteHost(tx, cmd.ref(), c.time().toEpochMilli()))));
        executor.register(SetHostEnabled.class, c -> apply(c, (tx, cmd) ->
                Outcome.host(ZoneRules.setHostEnabled(tx, cmd.ref(), cmd.enabled(), c.time().toEpochMilli()))));
        executor.register(SetFencingLevels.class, c -> apply(c, (tx, cmd) -> Outcome.host(
                ZoneRules.setFencingLevels(tx, cmd.ref(), cmd.levels(), c.time().toEpochMilli()))));
        executor.register(SetHostState.class, c -> apply(c, (tx, cmd) -> Outcome.host(
                HaRules.setHostState(tx, cmd.ref(), cmd.from(), cmd.to(), c.time().toEpochMilli()))));
        executor.register(RecordMonitoring.class, c -> apply(c, (tx, cmd) -> {
            HaRules.recordMonitoring(tx, cmd.probes());
            return Outcome.none();
        }));
        executor.register(PlaceVm.class, c -> apply(c, (tx, cmd) -> Outcome.vm(
                HaRules.placeVm(tx, cmd.ref(), cmd.host(), cmd.from(), c.time().toEpochMilli()))));
        executor.register(SetVmState.class, c -> apply(c, (tx, cmd) -> Outcome.vm(
                HaRules.setVmState(tx, cmd.ref(), cmd.from(), cmd.to(), cmd.hostId(), c.time().toEpochMilli()))));
        executor.register(StartHookExecution.class, c -> apply(c, (tx, cmd) -> Outcome.hookExecution(
                LogRules.startHook(tx, cmd.hook(), cmd.event(), cmd.arguments(), cmd.attempt(), cmd.retryOf(),
                        c.time().toEpochMilli()))));
        executor.register(FinishHookExecution.class, c -> apply(c, (tx, cmd) -> Outcome.hookExecution(
                LogRules.finishHook(tx, cmd, c.time().toEpochMilli()))));
        executor.register(AdvanceCursor.class, c -> apply(c, (tx, cmd) -> {
            LogRules.advance(tx, cmd.name(), cmd.eventId());
            return Outcome.none();
        }));
        executor.register(RecordRecovery.class, c -> apply(c, (tx, cmd) -> Outcome.recovery(
                LogRules.record(tx, cmd, c.time().toEpochMilli()))));
        executor.register(CreateVm.class, c -> apply(c, (tx, cmd) ->
                Outcome.vm(ZoneRules.createVm(tx, cmd.spec(), c.time().toEpochMilli()))));
        executor.register(DeleteVm.class, c -> apply(c, (tx, cmd) -> Outcome.vm(ZoneRules.deleteVm(tx, cmd.ref(),
                c.time().toEpochMilli()))));
        executor.register(RegisterServers.class, c -> apply(c, (tx, cmd) ->
                Outcome.servers(ZoneRules.registerServers(tx, cmd.servers()))));
        executor.register(AddServer.class, c -> apply(c, (tx, cmd) ->
                Outcome.server(ZoneRules.addServer(tx, cmd.name(), cmd.endpoint()))));
        executor.register(DeleteServer.class, c -> apply(c, (tx, cmd) ->
                Outcome.server(ZoneRules.deleteServer(tx, cmd.id()))));
        executor.register(ReadModel.class, this::read);
    }

    private <C extends ZoneCommand> Outcome apply(Commit<C> commit, BiFunction<ZoneTransaction, C, Outcome> rule) {
        try {
            Outcome outcome = database.apply(commit.index(), tx -> rule.apply(tx, commit.operation()));
            return outcome == null ? Outcome.none() : outcome;
        } catch (StoreException e) {
            onDatabaseFailure.accept(e);
            throw e;
        } catch (ZoneException refused) {
            return Outcome.refused(refused);
        } finally {
            commit.close();
        }
    }

    private Outcome read(Commit<ReadModel> commit) {
        try {
            return switch (commit.operation().part()) {
                case HOSTS -> Outcome.hosts(database.hosts());
                case VMS -> Outcome.vms(database.vms());
                case SERVERS -> Outcome.servers(database.servers());
            };
        } catch (StoreException e) {
            onDatabaseFailure.accept(e);
            throw e;
        } finally {
            commit.close();
        }
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        byte[] snapshot = database.snapshot();
        writer.writeInt(snapshot.length);
        writer.write(snapshot);
    }

    @Override
    public void install(SnapshotReader reader) {
        byte[] snapshot = new byte[reader.readInt()];
        reader.read(snapshot);
        // after a restart the database may already be past the snapshot: entries up to its index are skipped
        if (ZoneDatabase.snapshotIndex(snapshot) > database.appliedIndex()) {
            try {
                database.install(snapshot);
            } catch (StoreException e) {
                onDatabaseFailure.accept(e);
                throw e;
            }
        }
    }
}
