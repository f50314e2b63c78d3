package org.zonekeeper.trust.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.zonekeeper.api.ZoneException;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneCa;
import org.zonekeeper.trust.ZoneTrust;

/** {@code bin/zone-tls}: the zone's CA and its certificates from the command line (see docs/security.md). */
public final class ZoneTls {

    static final String USAGE = String.join("\n",
            "usage: zone-tls ca CA_DIR [ZONE]               create the zone's CA (ca.key mode 0600, ca.crt)",
            "       zone-tls request DIR ROLE NAME          make DIR/node.key and DIR/node.csr on the machine that "
                    + "uses them",
            "       zone-tls sign CA_DIR CSR DIR            sign CSR into DIR/node.crt and put ca.crt beside it",
            "       zone-tls issue CA_DIR DIR ROLE NAME     request and sign in one step (a machine holding the CA)",
            "       zone-tls show DIR                       check DIR and print who it names and until when",
            "ROLE is server (NAME as in servers), host (NAME as in host:list) or client (an operator's tool).");

    private ZoneTls() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(List.of(args)));
        } catch (ZoneException | IllegalArgumentException e) {
            System.err.println("zone-tls: " + e.getMessage());
            System.exit(1);
        }
    }

    static String run(List<String> args) {
        String command = args.isEmpty() ? "" : args.get(0);
        switch (command) {
            case "ca":
                arity(args, 2, 3);
                ZoneCa ca = ZoneCa.create(Path.of(args.get(1)), args.size() > 2 ? args.get(2) : "zone");
                return "created the zone's CA in " + args.get(1) + ": " + describe(ca.certificate());
            case "request":
                arity(args, 4, 4);
                return "wrote " + Path.of(args.get(1)).resolve(ZoneTrust.KEY) + " and "
                        + ZoneCa.request(Path.of(args.get(1)), peer(args.get(2), args.get(3)))
                        + ": have it signed with zone-tls sign";
            case "sign":
                arity(args, 4, 4);
                ZoneCa signer = ZoneCa.open(Path.of(args.get(1)));
                Path dir = Path.of(args.get(3));
                Peer signed = signer.sign(Path.of(args.get(2)), dir.resolve(ZoneTrust.CERTIFICATE));
                signer.install(dir);
                return "signed " + signed + " into " + dir.resolve(ZoneTrust.CERTIFICATE);
            case "issue":
                arity(args, 5, 5);
                Peer issued = ZoneCa.open(Path.of(args.get(1))).issue(Path.of(args.get(2)),
                        peer(args.get(3), args.get(4)));
                return "issued " + issued + " into " + args.get(2);
            case "show":
                arity(args, 2, 2);
                ZoneTrust trust = ZoneTrust.load(Path.of(args.get(1)));
                return trust.self() + ", valid until " + trust.expires() + ", of the CA " + describe(trust.authority());
            default:
                throw new IllegalArgumentException("unknown command '" + command + "'\n" + USAGE);
        }
    }

    private static Peer peer(String role, String name) {
        Optional<Role> r = Role.ofUnit(role);
        if (r.isEmpty()) {
            throw new IllegalArgumentException("ROLE '" + role + "' is none of "
                    + Arrays.stream(Role.values()).map(Role::unit).toList());
        }
        return new Peer(r.get(), name);
    }

    private static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", valid until " + certificate.getNotAfter()
                .toInstant();
    }

    private static void arity(List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException("wrong number of arguments for " + args.get(0) + "\n" + USAGE);
        }
    }
}
