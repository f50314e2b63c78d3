package org.zonekeeper.fencing.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.Verification;

/**
 * TLS for talking to a BMC, from the device's {@link Verification}: the JVM's trust store (and host name check)
 * by default, a PEM CA file (and host name check), a pinned SHA-256 certificate fingerprint (the pin replaces the
 * host name check: BMC certificates rarely name their address), or, set on purpose, no check at all (logged as a
 * warning on every use).
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    public static SSLContext forDevice(FenceDevice device) throws FencingException {
        Verification v = device.verification();
        try {
            if (v.insecure()) {
                LOG.warn("fencing device {}: TLS certificate of {} not checked (tls.insecure=true)", device.name(),
                        device.address());
                return context(new PinningTrustManager(null));
            }
            if (v.tlsFingerprint() != null && !v.tlsFingerprint().isBlank()) {
                return context(new PinningTrustManager(normalize(v.tlsFingerprint())));
            }
            if (v.caFile() != null) {
                return context(caTrustManagers(device));
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new FencingException(Kind.CONFIG, "fencing device " + device.name() + ": cannot set up TLS: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the peer's host name must match its certificate (false when pinned or insecure). */
    public static boolean checksHostName(FenceDevice device) {
        Verification v = device.verification();
        return !v.insecure() && (v.tlsFingerprint() == null || v.tlsFingerprint().isBlank());
    }

    /** SSL parameters for a raw TLS socket to the device (RIBCL): host name check as {@link #checksHostName}. */
    public static SSLParameters parameters(FenceDevice device, SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        if (checksHostName(device)) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }

    private static SSLContext context(TrustManager... managers) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, managers, null);
        return ctx;
    }

    private static TrustManager[] caTrustManagers(FenceDevice device) throws GeneralSecurityException,
            FencingException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(device.verification().caFile())) {
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new FencingException(Kind.CONFIG, "fencing device " + device.name() + ": tls.ca "
                        + device.verification().caFile() + " holds no certificate");
            }
        } catch (IOException e) {
            throw new FencingException(Kind.CONFIG, "fencing device " + device.name() + ": cannot read tls.ca "
                    + device.verification().caFile() + ": " + e.getMessage(), e);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /**
     * Accepts exactly the certificate with the pinned SHA-256 (or, with no pin, anything). Being an extended trust
     * manager that does no endpoint identification, it also switches off the host name check.
     */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final String pin;

        PinningTrustManager(String pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (pin == null) {
                return;
            }
            try {
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(chain[0].getEncoded()));
                if (!actual.equals(pin)) {
                    throw new CertificateException("certificate SHA-256 " + actual + " is not the pinned " + pin);
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
