package org.zonekeeper.replication.copycat.internal;

import java.util.Properties;

import io.atomix.catalyst.transport.netty.NettyOptions;

import org.zonekeeper.trust.ZoneTrust;

/**
 * Catalyst's Netty TLS options over key and trust stores written by {@link ZoneTrust#writeStores}: the servers'
 * {@link TlsTransport}, and tools outside the zone (the benchmarks' client) that present a client certificate.
 */
public final class CatalystTls {

    private CatalystTls() {
    }

    public static Properties options(ZoneTrust.Stores stores) {
        Properties options = new Properties();
        options.setProperty(NettyOptions.SSL_ENABLED, "true");
        options.setProperty(NettyOptions.SSL_KEY_STORE_PATH, stores.keyStore().toString());
        options.setProperty(NettyOptions.SSL_KEY_STORE_PASSWORD, stores.password());
        options.setProperty(NettyOptions.SSL_KEY_STORE_KEY_PASSWORD, stores.password());
        options.setProperty(NettyOptions.SSL_TRUST_STORE_PATH, stores.trustStore().toString());
        options.setProperty(NettyOptions.SSL_TRUST_STORE_PASSWORD, stores.password());
        return options;
    }
}
