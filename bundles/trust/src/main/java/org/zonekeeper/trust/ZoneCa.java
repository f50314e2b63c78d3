package org.zonekeeper.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.zonekeeper.api.ZoneException;

/**
 * The zone's certificate authority, kept in a directory of its own ({@value #KEY} mode 0600, {@value ZoneTrust#CA}).
 * Keys are generated where they are used ({@link #request}): the CA only signs requests, so a server's or host's
 * key never travels. Certificates are made with Bouncy Castle; EC P-256 keys, SHA-256 signatures.
 */
public final class ZoneCa {

    public static final String KEY = "ca.key";
    /** A request made by {@link #request}, beside the key it belongs to. */
    public static final String REQUEST = "node.csr";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long an issued certificate is valid; {@code zone-tls issue} again replaces it. */
    public static final Duration VALIDITY = Duration.ofDays(3 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private ZoneCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** Creates a new zone's CA in {@code dir}; refuses to overwrite one. */
    public static ZoneCa create(Path dir, String zone) {
        Path keyFile = dir.resolve(KEY);
        if (Files.exists(keyFile)) {
            throw new ZoneException(keyFile + " exists: a zone has one CA (remove it only to start a new zone)");
        }
        try {
            Files.createDirectories(dir);
            KeyPair pair = Keys.generate();
            X500Principal subject = new X500Principal("CN=zonekeeper CA " + zone + ",O=" + Peer.ORGANISATION);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject,
                    pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate ca = sign(builder, pair.getPrivate());
            Pem.write(keyFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            Pem.write(dir.resolve(ZoneTrust.CA), "CERTIFICATE", ca.getEncoded(), false);
            return new ZoneCa(ca, pair.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ZoneException("cannot create the zone's CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA kept in {@code dir}; its key file must be private. */
    public static ZoneCa open(Path dir) {
        Path keyFile = dir.resolve(KEY);
        if (!Files.isRegularFile(keyFile)) {
            throw new ZoneException(keyFile + " is missing: no zone CA in " + dir + " (zone-tls ca DIR creates one)");
        }
        X509Certificate ca = ZoneTrust.certificate(dir.resolve(ZoneTrust.CA));
        return new ZoneCa(ca, Keys.load(keyFile, ca, dir.resolve(ZoneTrust.CA)));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Makes a key for {@code peer} in {@code dir} ({@value ZoneTrust#KEY}, mode 0600) and a signing request for it
     * ({@value #REQUEST}): run on the machine that will use the key.
     */
    public static Path request(Path dir, Peer peer) {
        try {
            Files.createDirectories(dir);
            KeyPair pair = Keys.generate();
            ContentSigner signer = new JcaContentSignerBuilder(Keys.SIGNATURE).build(pair.getPrivate());
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(peer.subject(),
                    pair.getPublic()).build(signer);
            Pem.write(dir.resolve(ZoneTrust.KEY), "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            Path file = dir.resolve(REQUEST);
            Pem.write(file, "CERTIFICATE REQUEST", csr.getEncoded(), false);
            return file;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ZoneException("cannot make a key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs a request made by {@link #request} into {@code out}, after checking its own signature and that it names
     * a zone identity; returns that identity.
     */
    public Peer sign(Path requestFile, Path out) {
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(
                    Pem.read(requestFile, "CERTIFICATE REQUEST"));
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
                throw new ZoneException(requestFile + " is not signed by its own key");
            }
            X500Principal subject = new X500Principal(csr.getSubject().getEncoded());
            Peer peer = Peer.of(subject).orElseThrow(() -> new ZoneException(requestFile + " names " + subject
                    + ", not a zone identity (CN=NAME,OU=server|host|client,O=zonekeeper)"));
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    csr.getPublicKey());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate));
            Pem.write(out, "CERTIFICATE", sign(builder, key).getEncoded(), false);
            return peer;
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException
                | IllegalArgumentException e) {
            throw new ZoneException("cannot sign " + requestFile + ": " + e.getMessage(), e);
        }
    }

    /** Puts the CA certificate beside a key, so that {@link ZoneTrust#load} finds all it needs there. */
    public void install(Path dir) {
        try {
            Pem.write(dir.resolve(ZoneTrust.CA), "CERTIFICATE", certificate.getEncoded(), false);
        } catch (IOException | GeneralSecurityException e) {
            throw new ZoneException("cannot write " + dir.resolve(ZoneTrust.CA) + ": " + e.getMessage(), e);
        }
    }

    /** Request, sign and install in one step, for a machine that holds the CA (a local zone, tests). */
    public Peer issue(Path dir, Peer peer) {
        Path csr = request(dir, peer);
        sign(csr, dir.resolve(ZoneTrust.CERTIFICATE));
        install(dir);
        try {
            Files.delete(csr);
        } catch (IOException e) {
            throw new ZoneException("cannot remove " + csr + ": " + e.getMessage(), e);
        }
        return peer;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(Keys.SIGNATURE).build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }
}
