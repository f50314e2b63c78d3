package org.zonekeeper.zone.internal;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.store.StoreException;
import org.zonekeeper.store.ZoneDatabase;

/** After a database failure stopped this server's member: waits for the database to answer again. */
final class DatabaseWatch {

    static final long RETRY_MS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);

    private DatabaseWatch() {
    }

    /**
     * Checks the database every {@value #RETRY_MS} ms, creating nothing, and once every table answers runs
     * {@code resume} (which restarts the member: it replays the log from the database's applied index). Gives up
     * when {@code stopped} says so.
     */
    static void awaitAnswer(ZoneSettings settings, BooleanSupplier stopped, Runnable resume) {
        String last = null;
        while (!stopped.getAsBoolean()) {
            try {
                long applied = ZoneDatabase.probe(settings.database());
                LOG.info("server {}: the database answers again (applied index {}): resuming from there",
                        settings.self().name(), applied);
                resume.run();
                return;
            } catch (StoreException e) {
                if (!e.getMessage().equals(last)) {
                    LOG.warn("server {}: database still failing, checking every {} ms: {}", settings.self().name(),
                            RETRY_MS, e.getMessage());
                    last = e.getMessage();
                }
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
