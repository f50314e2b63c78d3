package org.zonekeeper.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

/** The zone's key type, EC P-256 signed with SHA-256, for every certificate it makes. */
final class Keys {

    static final String SIGNATURE = "SHA256withECDSA";

    private Keys() {
    }

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
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
