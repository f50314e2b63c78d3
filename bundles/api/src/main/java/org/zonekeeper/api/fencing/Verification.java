package org.zonekeeper.api.fencing;

import java.nio.file.Path;

/**
 * How a driver checks it talks to the right BMC. TLS: by default the JVM's trust store; {@code caFile} a PEM file
 * of trusted certificates; {@code tlsFingerprint} the SHA-256 of the BMC's certificate (hex, colons allowed);
 * {@code insecure} accepts any certificate and must be set on purpose. SSH: {@code sshHostKey} the key's
 * fingerprint as {@code ssh-keygen -l} prints it ({@code SHA256:...}) or {@code knownHosts} a known_hosts file.
 */
public record Verification(boolean insecure, Path caFile, String tlsFingerprint, String sshHostKey, Path knownHosts) {

    public static Verification defaults() {
        return new Verification(false, null, null, null, null);
    }
}
