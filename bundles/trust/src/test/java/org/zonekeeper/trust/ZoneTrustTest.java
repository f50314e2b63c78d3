package org.zonekeeper.trust;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.ZoneException;

public class ZoneTrustTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ZoneTrust identity(ZoneCa ca, Role role, String name) throws IOException {
        Path dir = folder.newFolder().toPath();
        ca.issue(dir, new Peer(role, name));
        return ZoneTrust.load(dir);
    }

    @Test
    public void anIssuedCertificateLoadsAndNamesItsRoleAndName() throws Exception {
        ZoneCa ca = ZoneCa.create(folder.newFolder("ca").toPath(), "test");
        ZoneTrust trust = identity(ca, Role.SERVER, "zk0");
        assertEquals(new Peer(Role.SERVER, "zk0"), trust.self());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.getRoot().toPath().resolve("ca").resolve(ZoneCa.KEY))));
    }

    @Test
    public void aKeyOthersCanReadIsRefusedWithItsPath() throws Exception {
        ZoneCa ca = ZoneCa.create(folder.newFolder("ca").toPath(), "test");
        Path dir = folder.newFolder("node").toPath();
        ca.issue(dir, new Peer(Role.HOST, "kvm-1"));
        Files.setPosixFilePermissions(dir.resolve(ZoneTrust.KEY), PosixFilePermissions.fromString("rw-r--r--"));
        ZoneException e = assertThrows(ZoneException.class, () -> ZoneTrust.load(dir));
        assertEquals(dir.resolve(ZoneTrust.KEY) + " is open to others (mode rw-r--r--): chmod 600 it", e.getMessage());
    }

    @Test
    public void aCertificateOfAnotherZoneIsRefused() throws Exception {
        ZoneCa ours = ZoneCa.create(folder.newFolder("ours").toPath(), "ours");
        ZoneCa theirs = ZoneCa.create(folder.newFolder("theirs").toPath(), "theirs");
        Path dir = folder.newFolder("node").toPath();
        theirs.issue(dir, new Peer(Role.SERVER, "zk0"));
        ours.install(dir);
        ZoneException e = assertThrows(ZoneException.class, () -> ZoneTrust.load(dir));
        assertTrue(e.getMessage(), e.getMessage().contains("is not a valid certificate of the CA"));
    }

    @Test
    public void aSecondCaInTheSameDirectoryIsRefused() throws Exception {
        Path dir = folder.newFolder("ca").toPath();
        ZoneCa.create(dir, "one");
        ZoneException e = assertThrows(ZoneException.class, () -> ZoneCa.create(dir, "two"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("exists: a zone has one CA (remove it only to start a "
                + "new zone)"));
    }

    @Test
    public void bothEndsLearnWhoTheOtherIsOverTls13() throws Exception {
        ZoneCa ca = ZoneCa.create(folder.newFolder("ca").toPath(), "test");
        ZoneTrust server = identity(ca, Role.SERVER, "zk0");
        ZoneTrust client = identity(ca, Role.CLIENT, "bench");
        try (SSLServerSocket listening = server.listen(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture<Peer> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listening.accept()) {
                    s.startHandshake();
                    return ZoneTrust.peer(s.getSession()).orElseThrow();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket s = client.connect(new InetSocketAddress("127.0.0.1", listening.getLocalPort()), 2000)) {
                assertEquals(new Peer(Role.SERVER, "zk0"), ZoneTrust.peer(s.getSession()).orElseThrow());
                assertEquals("TLSv1.3", s.getSession().getProtocol());
            }
            assertEquals(new Peer(Role.CLIENT, "bench"), seen.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    public void aServerOfAnotherZoneIsRefusedByTheClient() throws Exception {
        ZoneTrust ours = identity(ZoneCa.create(folder.newFolder("ca").toPath(), "ours"), Role.SERVER, "zk1");
        ZoneTrust theirs = identity(ZoneCa.create(folder.newFolder("other").toPath(), "other"), Role.SERVER, "zk0");
        try (SSLServerSocket listening = theirs.listen(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture.runAsync(() -> answer(listening));
            assertThrows(SSLException.class, () -> ours.connect(
                    new InetSocketAddress("127.0.0.1", listening.getLocalPort()), 2000));
        }
    }

    @Test
    public void aClientWithoutACertificateOfTheZoneGetsNoData() throws Exception {
        ZoneCa ca = ZoneCa.create(folder.newFolder("ca").toPath(), "test");
        ZoneTrust server = identity(ca, Role.SERVER, "zk0");
        Path foreign = folder.newFolder("foreign").toPath();
        ZoneCa.create(folder.newFolder("other").toPath(), "other").issue(foreign, new Peer(Role.SERVER, "zk0"));
        ZoneTrust.Stores stores = ZoneTrust.load(foreign).writeStores(foreign, "test");
        KeyManagerFactory foreignKeys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(stores.keyStore())) {
            keys.load(in, stores.password().toCharArray());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stores.keyStore())));
        foreignKeys.init(keys, stores.password().toCharArray());
        try (SSLServerSocket listening = server.listen(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture.runAsync(() -> {
                answer(listening);
                answer(listening);
            });
            for (KeyManager[] offered : new KeyManager[][] {null, foreignKeys.getKeyManagers()}) {
                SSLContext context = SSLContext.getInstance("TLSv1.3");
                context.init(offered, new TrustManager[] {new TrustAll()}, null);
                try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                        listening.getLocalPort())) {
                    s.setSoTimeout(5000);
                    // TLS 1.3: the client's side of the handshake ends before the server has judged its
                    // certificate; the server's refusal comes as an alert instead of the byte it sends a peer
                    assertThrows(SSLException.class, () -> {
                        s.startHandshake();
                        s.getInputStream().read();
                    });
                }
            }
        }
    }

    /** Accepts one connection and sends one byte to a peer that completed the handshake. */
    private static void answer(SSLServerSocket listening) {
        try (SSLSocket s = (SSLSocket) listening.accept()) {
            s.startHandshake();
            s.getOutputStream().write(42);
            s.getOutputStream().flush();
            s.getInputStream().read();
        } catch (IOException expected) {
            // the handshake fails on this end too
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String type) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String type) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
