package org.zonekeeper.raft.internal;

import java.util.function.Function;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.store.ZoneTransaction;

/** A real (H2) database in a temporary folder, changed one applied entry at a time as the state machine does. */
final class AppliedDatabase extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private ZoneDatabase db;
    private long index;

    @Override
    protected void before() throws Throwable {
        folder.create();
        db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
    }

    @Override
    protected void after() {
        db.close();
        folder.delete();
    }

    <T> T apply(Function<ZoneTransaction, T> work) {
        return db.apply(++index, work);
    }

    ZoneDatabase db() {
        return db;
    }
}
