package org.zonekeeper.fencing.drac.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.Verification;

/**
 * Runs one racadm command on a DRAC over SSH (exec channel, password login), after checking the DRAC's host key
 * against the device's pinned fingerprint or known_hosts file. One SSH client per call: nothing is shared between
 * devices, and a hung DRAC holds only its own connection.
 */
final class RacadmSsh {
    private static final Logger LOG = LoggerFactory.getLogger(RacadmSsh.class);
    static final int DEFAULT_PORT = 22;

    private final FenceDevice device;

    RacadmSsh(FenceDevice device) {
        this.device = device;
    }

    /** The command's output; racadm's "ERROR: ..." or a non-zero exit is PROTOCOL. */
    String run(String command) throws FencingException {
        AtomicReference<String> seenKey = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier(seenKey));
        client.start();
        Duration timeout = device.timeout();
        try (ClientSession session = client.connect(device.username(), device.address(), port()).verify(timeout)
                .getSession()) {
            session.addPasswordIdentity(device.password().reveal());
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                throw refused(e, seenKey.get());
            }
            return exec(session, command, timeout);
        } catch (FencingException e) {
            throw e;
        } catch (ConnectException e) {
            throw new FencingException(Kind.UNREACHABLE, where() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw refused(e, seenKey.get());
        } finally {
            client.stop();
        }
    }

    private FencingException refused(IOException e, String seenKey) {
        String expected = device.verification().sshHostKey();
        if (seenKey != null && expected != null && !seenKey.equals(expected)) {
            return new FencingException(Kind.CONFIG, where() + ": host key is " + seenKey + ", expected " + expected
                    + " (ssh.host-key)");
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("No more authentication methods") || text.contains("authentication")) {
            return new FencingException(Kind.AUTH, where() + ": login refused (check username and password file)");
        }
        if (text.contains("timeout") || text.contains("Timeout")) {
            return new FencingException(Kind.UNREACHABLE, where() + ": no answer within " + device.timeout().toMillis()
                    + " ms");
        }
        if (text.contains("Server key did not validate")) {
            return new FencingException(Kind.CONFIG, where() + ": host key " + seenKey + " is not in "
                    + device.verification().knownHosts());
        }
        return new FencingException(Kind.UNREACHABLE, where() + ": " + text, e);
    }

    private String exec(ClientSession session, String command, Duration timeout) throws IOException,
            FencingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(timeout);
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new FencingException(Kind.TIMEOUT, where() + ": '" + command + "' gave no answer within "
                        + timeout.toMillis() + " ms");
            }
            String text = out.toString(StandardCharsets.UTF_8).strip();
            Integer exit = channel.getExitStatus();
            if ((exit != null && exit != 0) || text.startsWith("ERROR")) {
                throw new FencingException(Kind.PROTOCOL, where() + ": '" + command + "': " + text);
            }
            return text;
        }
    }

    private ServerKeyVerifier verifier(AtomicReference<String> seenKey) throws FencingException {
        Verification v = device.verification();
        if (v.sshHostKey() != null) {
            return (session, address, key) -> {
                seenKey.set(fingerprint(key));
                return fingerprint(key).equals(v.sshHostKey());
            };
        }
        if (v.knownHosts() != null) {
            KnownHostsServerKeyVerifier known = new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                    v.knownHosts());
            return (session, address, key) -> {
                seenKey.set(fingerprint(key));
                return known.verifyServerKey(session, address, key);
            };
        }
        if (v.insecure()) {
            LOG.warn("drac device {}: SSH host key of {} not checked (tls.insecure=true)", device.name(),
                    device.address());
            return (session, address, key) -> true;
        }
        throw new FencingException(Kind.CONFIG, "drac device " + device.name() + ": no ssh.host-key or "
                + "ssh.known-hosts: the DRAC's identity cannot be checked");
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    private int port() {
        return device.port() == 0 ? DEFAULT_PORT : device.port();
    }

    String where() {
        return "drac device " + device.name() + " (" + device.address() + ":" + port() + ")";
    }
}
