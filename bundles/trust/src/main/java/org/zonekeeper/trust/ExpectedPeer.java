package org.zonekeeper.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server only when the zone's CA signed its certificate and that certificate names the identity expected at
 * the address it was reached at ({@link ZoneTrust#contextExpecting}). Client certificates are not this trust's
 * business: it is used on the connecting side only.
 */
final class ExpectedPeer extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager zoneCa;
    private final Function<String, Optional<Peer>> expected;

    ExpectedPeer(X509ExtendedTrustManager zoneCa, Function<String, Optional<Peer>> expected) {
        this.zoneCa = zoneCa;
        this.expected = expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null || engine.getPeerHost() == null ? null
                : ZoneTrust.addressKey(engine.getPeerHost(), engine.getPeerPort()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, socket == null ? null
                : ZoneTrust.addressKey(socket.getInetAddress().getHostAddress(), socket.getPort()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, String address) throws CertificateException {
        zoneCa.checkServerTrusted(chain, authType); // signed by the zone's CA, in its validity
        Optional<Peer> shown = Peer.of(chain[0]);
        Optional<Peer> wanted = address == null ? Optional.empty() : expected.apply(address);
        if (wanted.isEmpty() || !wanted.equals(shown)) {
            throw new CertificateException(address + " answered as " + shown.map(Peer::toString).orElse("nobody")
                    + ", not as " + wanted.map(Peer::toString).orElse("an expected peer"));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a connecting side's trust accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a connecting side's trust accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a connecting side's trust accepts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return zoneCa.getAcceptedIssuers();
    }
}
