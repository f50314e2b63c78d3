package org.zonekeeper.trust;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

/**
 * Who a zone certificate names: its role and the name of the server, host or client (the server's name in
 * {@code servers}, the host's name in {@code host:list}). A certificate's subject is
 * {@code CN=NAME,OU=ROLE,O=zonekeeper}.
 */
public record Peer(Role role, String name) {

    /** Names a certificate may carry: the characters of server and host names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String ORGANISATION = "zonekeeper";

    public Peer {
        if (role == null || name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a zone identity needs a role and a name of 1-64 letters, digits, "
                    + "'.', '_' or '-', not '" + name + "'");
        }
    }

    /** The subject written into this peer's certificate. */
    public X500Principal subject() {
        return new X500Principal("CN=" + name + ",OU=" + role.unit() + ",O=" + ORGANISATION);
    }

    /** The identity a certificate names; empty when its subject is not a zone subject. */
    public static Optional<Peer> of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    /** The identity a subject names; empty when it is not {@code CN=NAME,OU=ROLE,O=zonekeeper}. */
    public static Optional<Peer> of(X500Principal subject) {
        String[] parts = subject.getName(X500Principal.RFC2253).split(",");
        if (parts.length != 3 || !parts[0].startsWith("CN=") || !parts[1].startsWith("OU=")
                || !parts[2].equals("O=" + ORGANISATION)) {
            return Optional.empty();
        }
        String name = parts[0].substring(3);
        return Role.ofUnit(parts[1].substring(3)).filter(r -> NAME.matcher(name).matches())
                .map(r -> new Peer(r, name));
    }

    @Override
    public String toString() {
        return role.unit() + " " + name;
    }
}
