package org.zonekeeper.model.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.function.Function;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.FencingStep;
import org.zonekeeper.api.Host;
import org.zonekeeper.model.Outcome;
import org.zonekeeper.model.RecordFencing;
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

    /** Applies a rule as the next entry. */
    Outcome apply(Function<ZoneTransaction, Outcome> rule) {
        return db.apply(++index, rule);
    }

    /** Applies a rule that must refuse, and checks that it changed nothing; returns the refusal. */
    String refusal(Function<ZoneTransaction, Outcome> rule) {
        String before = db.digest();
        Outcome outcome = apply(rule);
        assertTrue("refused", outcome.isRefusal());
        assertEquals("a refusal changes nothing", before, db.digest());
        return outcome.reason();
    }

    /** Records a step of the current fencing attempt of host {@code name}, as the leader does. */
    Outcome fencing(String name, FencingStep step) {
        Host host = db.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
        return apply(tx -> FencingRules.record(tx, new RecordFencing(host.id(), host.fencingAttempt(), step, 1,
                "test"), index));
    }

    ZoneDatabase db() {
        return db;
    }
}
