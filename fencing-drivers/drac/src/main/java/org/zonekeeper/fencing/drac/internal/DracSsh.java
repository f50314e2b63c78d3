package org.zonekeeper.fencing.drac.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;

/**
 * Runs single commands on DRACs over SSH: one Apache MINA SSHD client for all devices (started here, stopped by
 * {@link #close}), one session per command: connect, check the host key, log in with the password (password or
 * keyboard-interactive, nothing from ~/.ssh), run the command on an exec channel, close. Connect, login and
 * command together take at most the device's timeout.
 */
final class DracSsh implements AutoCloseable {
    static final int DEFAULT_PORT = 22;
    private static final Logger LOG = LoggerFactory.getLogger(DracSsh.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    private static final int MAX_OUTPUT = 64 * 1024;

    private final SshClient client;

    /** A finished command: its exit status (null when the DRAC sends none) and its output, both streams. */
    record Result(Integer exitStatus, String output) {
    }

    DracSsh() {
        client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE,
                UserAuthKeyboardInteractiveFactory.INSTANCE));
        client.setServerKeyVerifier(HostKeyCheck.VERIFIER);
        client.start();
    }

    static String where(FenceDevice device) {
        return "drac device " + device.name() + " (" + device.address() + ":" + port(device) + ")";
    }

    static int port(FenceDevice device) {
        return device.port() == 0 ? DEFAULT_PORT : device.port();
    }

    /**
     * Runs {@code command} on the device and returns what it printed. Fails with CONFIG for a refused host key,
     * AUTH for refused credentials, UNREACHABLE without a connection, TIMEOUT past the device's timeout and
     * PROTOCOL for other SSH errors; the exit status is the caller's to judge.
     */
    Result exec(FenceDevice device, String command) throws FencingException {
        String where = where(device);
        HostKeyCheck hostKey = HostKeyCheck.of(device, where);
        long deadline = System.nanoTime() + device.timeout().toNanos();
        ClientSession session = null;
        try {
            session = connect(device, hostKey, deadline);
            login(device, session, hostKey, deadline);
            return run(device, session, command, deadline);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new FencingException(Kind.TIMEOUT, where + ": interrupted (deadline reached)", e);
        } catch (IOException e) {
            throw failure(where, hostKey, "SSH failed", e);
        } finally {
            if (session != null) {
                close(session);
            }
        }
    }

    private ClientSession connect(FenceDevice device, HostKeyCheck hostKey, long deadline) throws IOException,
            FencingException {
        ConnectFuture connect = client.connect(device.username(), device.address(), port(device), hostKey.context(),
                null);
        if (!connect.await(remaining(deadline))) {
            connect.cancel();
            throw new FencingException(Kind.UNREACHABLE, where(device) + ": no SSH connection within "
                    + device.timeout().toMillis() + " ms");
        }
        if (connect.getException() != null) {
            throw failure(where(device), hostKey, "cannot connect", connect.getException());
        }
        return connect.getSession();
    }

    private static void login(FenceDevice device, ClientSession session, HostKeyCheck hostKey, long deadline)
            throws IOException, FencingException {
        session.addPasswordIdentity(device.password().reveal());
        AuthFuture auth = session.auth();
        boolean done = auth.await(remaining(deadline));
        if (hostKey.refusal() != null) {
            throw new FencingException(Kind.CONFIG, hostKey.refusal());
        }
        if (!done) {
            throw new FencingException(Kind.TIMEOUT, where(device) + ": SSH login did not complete within "
                    + device.timeout().toMillis() + " ms");
        }
        if (!auth.isSuccess()) {
            throw failure(where(device), hostKey, "SSH login failed", auth.getException());
        }
    }

    private static Result run(FenceDevice device, ClientSession session, String command, long deadline)
            throws IOException, FencingException {
        Output out = new Output();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(out);
            OpenFuture open = channel.open();
            if (!open.await(remaining(deadline))) {
                throw new FencingException(Kind.TIMEOUT, where(device) + ": '" + command + "' not started within "
                        + device.timeout().toMillis() + " ms");
            }
            if (!open.isOpened()) {
                throw new FencingException(Kind.PROTOCOL, where(device) + ": the DRAC refused to run '" + command
                        + "': " + reason(open.getException(), "channel refused"));
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    remaining(deadline));
            if (events.contains(ClientChannelEvent.TIMEOUT) || !events.contains(ClientChannelEvent.CLOSED)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new FencingException(Kind.TIMEOUT, where(device) + ": '" + command
                            + "' interrupted (deadline reached)");
                }
                throw new FencingException(Kind.TIMEOUT, where(device) + ": '" + command + "' gave no answer within "
                        + device.timeout().toMillis() + " ms");
            }
            return new Result(channel.getExitStatus(), out.text());
        }
    }

    /** The failure an SSH exception means: host key refused, login refused, no connection, or a protocol error. */
    private static FencingException failure(String where, HostKeyCheck hostKey, String what, Throwable e) {
        if (hostKey.refusal() != null) {
            return new FencingException(Kind.CONFIG, hostKey.refusal(), e);
        }
        SshException ssh = find(e, SshException.class);
        if (ssh != null && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
            return new FencingException(Kind.AUTH, where + ": login refused (check username and password)", e);
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null
                || find(e, UnknownHostException.class) != null) {
            return new FencingException(Kind.UNREACHABLE, where + ": cannot connect (" + reason(e, "refused") + ")",
                    e);
        }
        if (ssh != null) {
            // Key exchange or algorithm negotiation failures (old DRACs offer only SHA-1 algorithms) land here.
            return new FencingException(Kind.PROTOCOL, where + ": " + what + ": " + reason(e, "SSH error"), e);
        }
        return new FencingException(Kind.UNREACHABLE, where + ": " + what + ": " + reason(e, "connection lost"), e);
    }

    private static void close(ClientSession session) {
        try {
            if (!session.close(false).await(CLOSE_WAIT)) {
                session.close(true);
            }
        } catch (IOException e) {
            session.close(true);
        }
    }

    /** Stops the SSH client and its threads. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping the DRAC SSH client failed: {}", e.toString());
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofMillis(1).toNanos()));
    }

    /** The innermost message of an exception chain, on one line, or {@code otherwise}. */
    static String reason(Throwable e, String otherwise) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? otherwise : message.replaceAll("\\s+", " ").strip();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Collects a command's output, cut at 64 KiB: a DRAC that floods cannot fill the memory. */
    private static final class Output extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < MAX_OUTPUT) {
                super.write(b);
            }
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }
}
