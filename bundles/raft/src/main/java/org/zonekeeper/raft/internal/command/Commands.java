package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.serializer.Serializer;

/** The only types accepted on the wire, each with a fixed id (the serializer's whitelist). */
public final class Commands {

    private Commands() {
    }

    public static Serializer register(Serializer serializer) {
        serializer.register(Outcome.class, 200);
        serializer.register(ReadModel.class, 201);
        serializer.register(CreateHost.class, 210);
        serializer.register(DeleteHost.class, 211);
        serializer.register(SetHostEnabled.class, 212);
        serializer.register(SetFencingLevels.class, 213);
        serializer.register(SetHostState.class, 214);
        serializer.register(RecordMonitoring.class, 215);
        serializer.register(CreateVm.class, 220);
        serializer.register(DeleteVm.class, 221);
        serializer.register(PlaceVm.class, 222);
        serializer.register(SetVmState.class, 223);
        serializer.register(StartHookExecution.class, 224);
        serializer.register(FinishHookExecution.class, 225);
        serializer.register(AdvanceCursor.class, 226);
        serializer.register(RecordRecovery.class, 227);
        serializer.register(RegisterServers.class, 230);
        serializer.register(AddServer.class, 231);
        serializer.register(DeleteServer.class, 232);
        return serializer;
    }
}
