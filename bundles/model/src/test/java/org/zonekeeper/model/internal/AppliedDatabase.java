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
import org.zonekeeper.model.ZoneModel;
import org.zonekeeper.store.DatabaseSettings;
import org.zonekeeper.store.ZoneDatabase;
import org.zonekeeper.store.ZoneTransaction;

/**
 * A real (H2) database in a temporary folder, changed one applied entry at a time as the state machine does. It
 * starts as this build's zones do, with term 1 claimed under this build's rules, unless made {@link #beforeAnyClaim}.
 */
final class AppliedDatabase extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private final boolean claimed;
    private ZoneDatabase db;
    private long index;

    AppliedDatabase() {
        this(true);
    }

    private AppliedDatabase(boolean claimed) {
        this.claimed = claimed;
    }

    /** A database no leader has claimed a term in: its entries apply as the builds before leader terms wrote them. */
    static AppliedDatabase beforeAnyClaim() {
        return new AppliedDatabase(false);
    }

    @Override
    protected void before() throws Throwable {
        folder.create();
        db = ZoneDatabase.open(DatabaseSettings.h2(folder.getRoot().toPath()));
        if (claimed) {
            apply(tx -> LeaderRules.claim(tx, 1, "zk0", ZoneModel.RULES));
        }
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

    /** Reads through a transaction of its own (an entry that changes nothing). */
    <T> T read(Function<ZoneTransaction, T> read) {
        return db.apply(++index, read);
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
