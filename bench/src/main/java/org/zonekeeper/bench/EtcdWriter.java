package org.zonekeeper.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;

/**
 * Puts one key per write into etcd through jetcd, the value being the same host fields the zone
 * writes. Runs in an {@link IsolatedLoader}: jetcd needs another Netty than the zone's client.
 */
public final class EtcdWriter implements Writer {

    private static final ByteSequence VALUE = bytes("bench,800,16384,kvm,kvm");

    private final Client client;
    private final KV kv;

    /** {@code endpoints}: http://host:port of every member. */
    public EtcdWriter(List<String> endpoints) {
        this.client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
        this.kv = client.getKVClient();
    }

    @Override
    public CompletableFuture<?> write(String name) {
        return kv.put(bytes("/bench/" + name), VALUE);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
