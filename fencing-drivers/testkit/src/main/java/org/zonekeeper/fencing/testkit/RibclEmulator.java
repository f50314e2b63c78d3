package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLServerSocket;

import org.zonekeeper.testkit.Ports;

/**
 * An HP iLO (2 to 4) speaking RIBCL: XML over a raw TLS stream, each command answered by its own
 * {@code <RIBCL>} block, as Debian's fence_ilo and our ilo driver expect. Commands: LOGIN, GET_FW_VERSION,
 * GET_HOST_POWER_STATUS, HOLD_PWR_BTN, PRESS_PWR_BTN, SET_HOST_POWER, RESET_SERVER. Wrong credentials get the real
 * iLO's {@code STATUS="0x005F" MESSAGE='Login credentials rejected.'}. {@code </RIBCL>} from the client closes the
 * connection.
 */
public final class RibclEmulator implements AutoCloseable {
    private static final Pattern TAG = Pattern.compile("<[^<>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final String VERSION = "2.22";

    private final Chassis chassis;
    private final String user;
    private final String password;
    private final CopyOnWriteArrayList<String> commands = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    public RibclEmulator(Chassis chassis, String user, String password) {
        this.chassis = chassis;
        this.user = user;
        this.password = password;
    }

    /** Listens on 127.0.0.1 at a free port below the ephemeral range (see {@link Ports}) with the certificate; returns this. */
    public RibclEmulator start(SelfSignedCertificate certificate) throws IOException {
        try {
            javax.net.ServerSocketFactory factory = certificate.serverContext().getServerSocketFactory();
            server = Ports.bind(port -> factory.createServerSocket(port, 50, InetAddress.getLoopbackAddress()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        ((SSLServerSocket) server).setNeedClientAuth(false);
        Thread accept = new Thread(this::accept, "ribcl-emulator");
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The power commands received (HOLD_PWR_BTN, PRESS_PWR_BTN, SET_HOST_POWER, RESET_SERVER), in order. */
    public java.util.List<String> powerCommands() {
        return java.util.List.copyOf(commands);
    }

    /** Takes the BMC down: the port is closed. */
    public void stop() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "ribcl-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            Session session = new Session(out);
            StringBuilder pending = new StringBuilder();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0;) {
                pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                Matcher tag = TAG.matcher(pending);
                int consumed = 0;
                while (tag.find()) {
                    consumed = tag.end();
                    if (!session.handle(tag.group())) {
                        return;
                    }
                }
                pending.delete(0, consumed);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One connection: whether its LOGIN was accepted, and the answers. */
    private final class Session {
        private final OutputStream out;
        private boolean loggedIn;

        Session(OutputStream out) {
            this.out = out;
        }

        /** Handles one tag; false ends the connection. */
        boolean handle(String tag) throws IOException {
            String name = tag.replaceAll("^<\\s*/?\\s*([A-Za-z_?]+).*$", "$1").toUpperCase();
            if (tag.startsWith("</")) {
                if (name.equals("LOGIN")) {
                    loggedIn = false;
                }
                return !name.equals("RIBCL");
            }
            switch (name) {
                case "?XML" -> block(ok());
                case "LOGIN" -> login(tag);
                case "GET_FW_VERSION" -> command(() -> "<GET_FW_VERSION\r\n    FIRMWARE_VERSION = \"2.70\"\r\n"
                        + "    FIRMWARE_DATE = \"May 07 2019\"\r\n    MANAGEMENT_PROCESSOR = \"iLO4\"\r\n    />");
                case "GET_HOST_POWER_STATUS" -> command(() -> "<GET_HOST_POWER\r\n    HOST_POWER=\""
                        + (chassis.isOn() ? "ON" : "OFF") + "\"\r\n    />");
                case "HOLD_PWR_BTN" -> power(name, chassis::powerOff);
                case "PRESS_PWR_BTN" -> power(name, () -> {
                    if (chassis.isOn()) {
                        chassis.powerOff();
                    } else {
                        chassis.powerOn();
                    }
                });
                case "SET_HOST_POWER" -> {
                    String value = attribute(tag, "HOST_POWER");
                    boolean on = value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on");
                    power(name + " " + value, on ? chassis::powerOn : chassis::powerOff);
                }
                case "RESET_SERVER" -> power(name, chassis::cycle);
                default -> {
                    // RIBCL, SERVER_INFO, RIB_INFO and other containers need no answer
                }
            }
            return true;
        }

        private void login(String tag) throws IOException {
            loggedIn = user.equals(attribute(tag, "USER_LOGIN")) && password.equals(attribute(tag, "PASSWORD"));
            if (!loggedIn) {
                block("<RESPONSE\r\n    STATUS=\"0x005F\"\r\n    MESSAGE='Login credentials rejected.'\r\n     />");
            }
        }

        private void power(String command, Runnable action) throws IOException {
            if (loggedIn) {
                commands.add(command);
                action.run();
            }
            command(() -> "");
        }

        private void command(java.util.function.Supplier<String> answer) throws IOException {
            if (loggedIn) {
                block(ok() + answer.get());
            }
        }

        private String ok() {
            return "<RESPONSE\r\n    STATUS=\"0x0000\"\r\n    MESSAGE='No error'\r\n     />";
        }

        private void block(String body) throws IOException {
            out.write(("<?xml version=\"1.0\"?>\r\n<RIBCL VERSION=\"" + VERSION + "\">\r\n" + body
                    + "\r\n</RIBCL>\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String attribute(String tag, String name) {
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                String raw = m.group(3) != null ? m.group(3) : m.group(4);
                return raw.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&amp;", "&");
            }
        }
        return "";
    }
}
