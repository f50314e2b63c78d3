package org.zonekeeper.fencing.drac.internal;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.Verification;

/**
 * Checks the host key of one SSH connection to a DRAC against the device's {@link Verification}: the pinned
 * {@code ssh.host-key} fingerprint, else the {@code ssh.known-hosts} file, else (only with {@code tls.insecure})
 * nothing, with a warning each time. Remembers why it refused a key, for the operator's message.
 */
final class HostKeyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);
    private static final AttributeKey<HostKeyCheck> KEY = new AttributeKey<>();
    private static final Pattern SHA256 = Pattern.compile("SHA256:([A-Za-z0-9+/]{43})=?");

    /** The SSH client's verifier: hands each connection's key to the check it was opened with. */
    static final ServerKeyVerifier VERIFIER = (session, remote, key) -> {
        AttributeRepository context = session.getConnectionContext();
        HostKeyCheck check = context == null ? null : context.getAttribute(KEY);
        return check != null && check.verify(session, remote, key);
    };

    private final FenceDevice device;
    private final String where;
    private final String pinned;
    private final Path knownHosts;
    private volatile String refusal;

    private HostKeyCheck(FenceDevice device, String where, String pinned, Path knownHosts) {
        this.device = device;
        this.where = where;
        this.pinned = pinned;
        this.knownHosts = knownHosts;
    }

    /** The check the device's verification asks for; CONFIG when it asks for none or the pin is malformed. */
    static HostKeyCheck of(FenceDevice device, String where) throws FencingException {
        Verification v = device.verification();
        if (v.sshHostKey() != null && !v.sshHostKey().isBlank()) {
            Matcher m = SHA256.matcher(v.sshHostKey());
            if (!m.find()) {
                throw new FencingException(Kind.CONFIG, "drac device " + device.name() + ": ssh.host-key: '"
                        + v.sshHostKey().strip() + "' is not a SHA256:... fingerprint as ssh-keygen -l prints it");
            }
            return new HostKeyCheck(device, where, "SHA256:" + m.group(1), null);
        }
        if (v.knownHosts() != null) {
            return new HostKeyCheck(device, where, null, v.knownHosts());
        }
        if (v.insecure()) {
            return new HostKeyCheck(device, where, null, null);
        }
        throw new FencingException(Kind.CONFIG, "drac device " + device.name() + ": no SSH host key to check the "
                + "DRAC against: set ssh.host-key (SHA256:... as ssh-keygen -l prints it) or ssh.known-hosts");
    }

    /** Connection attributes that make {@link #VERIFIER} use this check. */
    AttributeRepository context() {
        return AttributeRepository.ofKeyValuePair(KEY, this);
    }

    /** Why the key was refused, or null when it was not (yet) refused. */
    String refusal() {
        return refusal;
    }

    private boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
        String actual = fingerprint(key);
        if (pinned != null) {
            if (pinned.equals(actual)) {
                return true;
            }
            refusal = "host key of " + where + " is " + actual + ", expected " + pinned + " (ssh.host-key)";
            return false;
        }
        if (knownHosts != null) {
            KnownHostsServerKeyVerifier file = new KnownHostsServerKeyVerifier((s, r, k) -> {
                refusal = "host key of " + where + " (" + actual + ") is not in " + knownHosts + " (ssh.known-hosts)";
                return false;
            }, knownHosts);
            file.setModifiedServerKeyAcceptor((s, r, entry, expected, k) -> {
                refusal = "host key of " + where + " is " + actual + ", expected " + fingerprint(expected) + " ("
                        + knownHosts + ")";
                return false;
            });
            return file.verifyServerKey(session, remote, key);
        }
        LOG.warn("drac device {}: SSH host key {} of {} not checked (tls.insecure=true)", device.name(), actual,
                where);
        return true;
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
