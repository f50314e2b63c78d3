package org.zonekeeper.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.zonekeeper.api.ZoneException;

/**
 * This machine's zone identity, loaded from a TLS directory holding the zone's CA certificate ({@value #CA}), this
 * machine's certificate ({@value #CERTIFICATE}) and its private key ({@value #KEY}, mode 0600): mutual TLS 1.3
 * where only certificates of the zone's CA are accepted, on both ends. Who a peer is comes from its certificate
 * ({@link #peer}); whether that peer may do what it asks is the caller's decision.
 */
public final class ZoneTrust {

    public static final String CA = "ca.crt";
    public static final String CERTIFICATE = "node.crt";
    public static final String KEY = "node.key";
    /** The only protocol offered and accepted: both ends are this code on Java 17. */
    public static final String PROTOCOL = "TLSv1.3";
    private static final String KEY_ALIAS = "node";

    private final X509Certificate authority;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Peer self;
    private final KeyManager[] keyManagers;
    private final X509ExtendedTrustManager zoneCa;
    private final SSLContext context;

    private ZoneTrust(X509Certificate authority, X509Certificate certificate, PrivateKey key, Peer self)
            throws GeneralSecurityException, IOException {
        this.authority = authority;
        this.certificate = certificate;
        this.key = key;
        this.self = self;
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(new char[0]), new char[0]);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore(new char[0]));
        this.keyManagers = keys.getKeyManagers();
        this.zoneCa = (X509ExtendedTrustManager) trust.getTrustManagers()[0];
        this.context = SSLContext.getInstance(PROTOCOL);
        this.context.init(keyManagers, trust.getTrustManagers(), null);
    }

    /** Loads and checks the identity in {@code dir}; a missing, open, unsigned or expired file is refused by name. */
    public static ZoneTrust load(Path dir) {
        Path caFile = existing(dir, CA);
        Path certificateFile = existing(dir, CERTIFICATE);
        Path keyFile = existing(dir, KEY);
        X509Certificate authority = certificate(caFile);
        X509Certificate own = certificate(certificateFile);
        try {
            own.verify(authority.getPublicKey());
            own.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new ZoneException(certificateFile + " is not a valid certificate of the CA in " + caFile + ": "
                    + e.getMessage());
        }
        Peer self = Peer.of(own).orElseThrow(() -> new ZoneException(certificateFile + " names "
                + own.getSubjectX500Principal() + ", not a zone identity (CN=NAME,OU=ROLE,O=zonekeeper)"));
        PrivateKey key = Keys.load(keyFile, own, certificateFile);
        try {
            return new ZoneTrust(authority, own, key, self);
        } catch (GeneralSecurityException | IOException e) {
            throw new ZoneException(dir + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Who this machine is in the zone. */
    public Peer self() {
        return self;
    }

    /** When this machine's certificate ends. */
    public java.time.Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    /** The zone's CA certificate. */
    public X509Certificate authority() {
        return authority;
    }

    /**
     * This identity's TLS context for a server (a node agent's HTTPS port): it presents this certificate and trusts
     * certificates of the zone's CA only; the server must still need a client certificate and check its role.
     */
    public SSLContext context() {
        return context;
    }

    /**
     * The {@code HOST:PORT} key of a peer's address as {@link #contextExpecting} asks for it: the host as given (an
     * IPv6 address without brackets) and the port.
     */
    public static String addressKey(String host, int port) {
        return host.replace("[", "").replace("]", "") + ":" + port;
    }

    /**
     * A TLS context for a client that reaches peers by address: the peer must show a certificate of the zone's CA
     * naming the identity {@code expected} gives for the {@link #addressKey} it was reached at (none: refused), checked
     * in the handshake, before anything is sent. Zone certificates name identities, not addresses, so no host name
     * is checked beyond that.
     */
    public SSLContext contextExpecting(Function<String, Optional<Peer>> expected) {
        try {
            SSLContext client = SSLContext.getInstance(PROTOCOL);
            client.init(keyManagers, new TrustManager[] {new ExpectedPeer(zoneCa, expected)}, null);
            return client;
        } catch (GeneralSecurityException e) {
            throw new ZoneException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A listening socket that completes a handshake only with a peer holding a certificate of the zone's CA. */
    public SSLServerSocket listen(InetSocketAddress address) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.setNeedClientAuth(true);
        socket.setEnabledProtocols(new String[] {PROTOCOL});
        socket.bind(address);
        return socket;
    }

    /** A connection to {@code address} whose handshake is done: the peer showed a certificate of the zone's CA. */
    public SSLSocket connect(InetSocketAddress address, int timeoutMs) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(address, timeoutMs);
            plain.setSoTimeout(timeoutMs);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain,
                    address.getHostString(), address.getPort(), true);
            socket.setUseClientMode(true);
            socket.setEnabledProtocols(new String[] {PROTOCOL});
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The zone identity a completed handshake proved; empty if the peer showed none. */
    public static Optional<Peer> peer(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Peer.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** Key and trust stores written for a TLS library that reads files, and the password of both. */
    public record Stores(Path keyStore, Path trustStore, String password) {
        @Override
        public String toString() {
            return "stores " + keyStore + ", " + trustStore;
        }
    }

    /**
     * Writes this identity (key and chain) and the zone's CA as PKCS#12 stores in {@code dir}, mode 0600, under a
     * new random password, for a TLS library that reads its keys from files (Catalyst's Netty transport).
     */
    public Stores writeStores(Path dir, String prefix) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        Files.createDirectories(dir);
        Stores stores = new Stores(dir.resolve(prefix + "-keys.p12"), dir.resolve(prefix + "-trust.p12"), password);
        try {
            write(stores.keyStore(), keyStore(password.toCharArray()), password.toCharArray());
            write(stores.trustStore(), trustStore(password.toCharArray()), password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return stores;
    }

    private KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(KEY_ALIAS, key, password, new Certificate[] {certificate, authority});
        return store;
    }

    private KeyStore trustStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setCertificateEntry("zone-ca", authority);
        return store;
    }

    private static void write(Path file, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        Pem.replace(file, out.toByteArray(), true);
    }

    private static Path existing(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ZoneException(file + " is missing: create this machine's certificate with bin/zone-tls "
                    + "(docs/security.md)");
        }
        return file;
    }

    static X509Certificate certificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new ZoneException(file + " is not a PEM certificate: " + e.getMessage());
        }
    }
}
