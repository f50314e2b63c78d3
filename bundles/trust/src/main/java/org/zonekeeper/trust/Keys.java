package org.zonekeeper.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.config.ConfigValues;

/** The zone's key type, EC P-256 signed with SHA-256, for every certificate it makes, and reading such keys. */
final class Keys {

    static final String SIGNATURE = "SHA256withECDSA";

    private Keys() {
    }

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /**
     * The private key in {@code keyFile} (PKCS#8 PEM), refused in one line when others may read the file, when it
     * is no key, or when it is not the key of {@code certificate} (read from {@code certificateFile}).
     */
    static PrivateKey load(Path keyFile, X509Certificate certificate, Path certificateFile) {
        try {
            ConfigValues.checkPrivate(keyFile);
        } catch (IOException e) {
            throw new ZoneException(e.getMessage());
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Pem.read(keyFile, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new ZoneException(keyFile + " cannot be read as the key of " + certificateFile.getFileName() + ": "
                    + e.getMessage());
        }
        if (!matches(key, certificate)) {
            throw new ZoneException(keyFile + " is not the key of " + certificateFile);
        }
        return key;
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = "zonekeeper key check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(SIGNATURE);
            sign.initSign(key);
            sign.update(probe);
            Signature verify = Signature.getInstance(SIGNATURE);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            return verify.verify(sign.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
