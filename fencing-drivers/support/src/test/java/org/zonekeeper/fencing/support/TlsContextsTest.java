package org.zonekeeper.fencing.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.testkit.SelfSignedCertificate;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** Each verification mode against a real HTTPS server with a self-signed certificate. */
public class TlsContextsTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private SelfSignedCertificate certificate;
    private HttpsServer server;

    @Before
    public void startServer() throws Exception {
        certificate = SelfSignedCertificate.generate(dir.getRoot().toPath(), "bmc-test");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @After
    public void stopServer() {
        server.stop(0);
    }

    private int get(Verification verification) throws Exception {
        FenceDevice device = Devices.device(Duration.ofSeconds(1), 0, verification);
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.forDevice(device))
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    public void thePinnedCertificateIsAccepted() throws Exception {
        String pin = certificate.sha256().replaceAll("(..)(?!$)", "$1:").toUpperCase();
        assertEquals(204, get(new Verification(false, null, pin, null, null)));
    }

    @Test
    public void anotherPinIsRefused() {
        String wrong = "00".repeat(32);
        Exception e = assertThrows(Exception.class, () -> get(new Verification(false, null, wrong, null, null)));
        assertTrue(String.valueOf(e), e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException);
    }

    @Test
    public void theJvmTrustStoreRefusesASelfSignedBmc() {
        assertThrows(SSLHandshakeException.class, () -> get(Verification.defaults()));
    }

    @Test
    public void aCaFileHoldingTheCertificateIsAccepted() throws Exception {
        Path pem = certificate.writePem(dir.getRoot().toPath().resolve("bmc.pem"));
        assertEquals(204, get(new Verification(false, pem, null, null, null)));
    }

    @Test
    public void insecureAcceptsAnything() throws Exception {
        assertEquals(204, get(new Verification(true, null, null, null, null)));
    }
}
