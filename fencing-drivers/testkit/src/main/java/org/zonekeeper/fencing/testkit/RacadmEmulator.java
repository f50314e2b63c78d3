package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.zonekeeper.testkit.Ports;

/**
 * A Dell DRAC reached over SSH on 127.0.0.1, as Debian's fence_drac5 and racadm-over-ssh clients see it: password
 * authentication (no keyboard-interactive, no public keys), a fresh ECDSA host key per emulator, an interactive
 * shell with the flavour's banner and prompt, and exec requests. Both run racadm {@code serveraction} against one
 * {@link Chassis} (DRAC 5, iDRAC) or, on a CMC, against the module {@code -m} names. Answers:
 * {@code Server power status: ON} (a CMC prints the bare {@code ON}/{@code OFF}),
 * {@code Server power operation successful}, and {@code ERROR: ...} lines (for example
 * {@code ERROR: Server is already powered OFF.}).
 *
 * <p>Faults: {@link Chassis#stuck} (commands accepted, power never changes), {@link #hang} (logins work, commands
 * are never answered) and {@link #stop()} (the BMC is down: connections are refused). Every command line received
 * is kept in {@link #commands()}.
 */
public final class RacadmEmulator implements AutoCloseable {

    /** Which DRAC: decides the banner, the prompt and how racadm answers. */
    public enum Flavour {
        /** DRAC 5: "$ " prompt, a banner naming "DRAC 5" (fence_drac5 detects it from that). */
        DRAC5("\r\nDell Remote Access Controller 5 (DRAC 5)\r\nFirmware Version 1.65 (Build 12.08.16)\r\n"
                + "Type \"racadm help\" to get racadm subcommands. Type \"smclp\" to invoke SMCLP interface.\r\n\r\n",
                "$ "),
        /** iDRAC 6-9: the SM-CLP "/admin1-> " prompt (fence_drac5 needs command_prompt for it). */
        IDRAC("\r\n", "/admin1-> "),
        /** M1000e chassis controller: serveraction needs -m server-N; takes subcommands with or without racadm. */
        CMC("\r\nWelcome to the CMC firmware version 6.21.A00.201807061305\r\n\r\n", "$ ");

        private final String banner;
        private final String prompt;

        Flavour(String banner, String prompt) {
            this.banner = banner;
            this.prompt = prompt;
        }

        public String banner() {
            return banner;
        }

        public String prompt() {
            return prompt;
        }
    }

    private final Flavour flavour;
    private final Map<String, Chassis> modules;
    private final String username;
    private final String password;
    private final RacadmInterpreter interpreter;
    private final KeyPair hostKey;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private volatile boolean hang;
    private SshServer server;
    private int port;

    private RacadmEmulator(Flavour flavour, Map<String, Chassis> modules, String username, String password) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("a DRAC needs a chassis");
        }
        this.flavour = flavour;
        this.modules = Map.copyOf(modules);
        this.username = username;
        this.password = password;
        this.interpreter = new RacadmInterpreter(flavour, this.modules);
        try {
            this.hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ECDSA host key: " + e.getMessage(), e);
        }
    }

    /** A DRAC 5 or an iDRAC serving one server. */
    public static RacadmEmulator of(Flavour flavour, Chassis chassis, String username, String password) {
        if (flavour == Flavour.CMC) {
            throw new IllegalArgumentException("a CMC serves modules: use cmc(...)");
        }
        return new RacadmEmulator(flavour, Map.of("server", chassis), username, password);
    }

    /** A CMC serving several modules, e.g. "server-1" → chassis. */
    public static RacadmEmulator cmc(Map<String, Chassis> modules, String username, String password) {
        return new RacadmEmulator(Flavour.CMC, new LinkedHashMap<>(modules), username, password);
    }

    /** Starts listening on 127.0.0.1 at a free port below the ephemeral range (see {@link Ports}). */
    public synchronized RacadmEmulator start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, pass, session) -> {
            boolean ok = username.equals(user) && password.equals(pass);
            if (!ok) {
                failedLogins.incrementAndGet();
            }
            return ok;
        });
        s.setKeyboardInteractiveAuthenticator(null);
        s.setPublickeyAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        s.setShellFactory(channel -> new RacadmShell(this));
        s.setCommandFactory((channel, command) -> new RacadmExec(this, command));
        port = Ports.bind(free -> {
            s.setPort(free);
            s.start();
            return free;
        });
        server = s;
        return this;
    }

    public Flavour flavour() {
        return flavour;
    }

    public String address() {
        return "127.0.0.1";
    }

    public synchronized int port() {
        return port;
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and unpadded base64. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** The host key as an OpenSSH known_hosts line for this address and port. */
    public synchronized String knownHostsLine() {
        return "[" + address() + "]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Writes {@link #knownHostsLine()} to {@code file} and returns it. */
    public Path writeKnownHosts(Path file) throws IOException {
        return Files.writeString(file, knownHostsLine() + "\n");
    }

    /** While hanging, logins succeed but no command is answered (until the client gives up). */
    public RacadmEmulator hang(boolean hang) {
        this.hang = hang;
        return this;
    }

    /** Every command line received, shell and exec, in order (power-status reads included). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** How many password logins were refused. */
    public int failedLogins() {
        return failedLogins.get();
    }

    /** Takes the BMC down: the port refuses connections and open sessions end. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                // already closing
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Records and answers one command line; blocks while {@link #hang} is on. */
    String respond(String line) throws InterruptedException {
        if (!line.isBlank()) {
            commands.add(line.trim());
        }
        while (hang) {
            Thread.sleep(50);
        }
        return interpreter.answer(line);
    }
}
