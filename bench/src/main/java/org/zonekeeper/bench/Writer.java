package org.zonekeeper.bench;

import java.util.concurrent.CompletableFuture;

/** Writes one new record through a cluster's client; the future completes when the cluster acknowledged it. */
public interface Writer extends AutoCloseable {

    /** Writes a record under a name never used before; fails if the cluster refused it. */
    CompletableFuture<?> write(String name);

    @Override
    void close();
}
