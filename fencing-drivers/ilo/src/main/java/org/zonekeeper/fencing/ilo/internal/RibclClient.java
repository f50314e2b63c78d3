package org.zonekeeper.fencing.ilo.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.fencing.support.TlsContexts;

/**
 * One RIBCL request to an iLO: a TLS connection (checked per the device's verification), the commands wrapped in
 * {@code <RIBCL><LOGIN>}, the answer read until the iLO closes. Every {@code RESPONSE} status is checked.
 */
final class RibclClient {
    static final int DEFAULT_PORT = 443;
    private static final Pattern STATUS = Pattern.compile("STATUS=\"(0x[0-9A-Fa-f]+)\"\\s*MESSAGE='([^']*)'");
    private static final String LOGIN_REJECTED = "0x005F";

    private final FenceDevice device;

    RibclClient(FenceDevice device) {
        this.device = device;
    }

    /** Sends {@code commands} (RIBCL elements inside LOGIN) and returns the answer once every status is 0. */
    String send(String commands) throws FencingException {
        String request = "<?xml version=\"1.0\"?>\r\n<RIBCL VERSION=\"2.0\">\r\n<LOGIN USER_LOGIN=\""
                + escape(device.username()) + "\" PASSWORD=\"" + escape(device.password().reveal()) + "\">\r\n"
                + commands + "\r\n</LOGIN>\r\n</RIBCL>\r\n";
        String answer = exchange(request);
        Matcher m = STATUS.matcher(answer);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.group(1).equalsIgnoreCase(LOGIN_REJECTED)) {
                throw new FencingException(Kind.AUTH, where() + ": login refused: " + m.group(2));
            }
            if (!m.group(1).equals("0x0000")) {
                throw new FencingException(Kind.PROTOCOL, where() + ": iLO answered " + m.group(1) + " "
                        + m.group(2));
            }
        }
        if (!any) {
            throw new FencingException(Kind.PROTOCOL, where() + ": no RIBCL RESPONSE in the answer");
        }
        return answer;
    }

    private String exchange(String request) throws FencingException {
        SSLContext tls = TlsContexts.forDevice(device);
        int timeout = (int) device.timeout().toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(device.address(), port()), timeout);
            plain.setSoTimeout(timeout);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, device.address(), port(),
                    false)) {
                socket.setSSLParameters(TlsContexts.parameters(device, tls));
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return readAll(socket.getInputStream());
            }
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw new FencingException(Kind.UNREACHABLE, where() + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new FencingException(Kind.TIMEOUT, where() + ": no answer within " + timeout + " ms", e);
        } catch (SSLException e) {
            throw new FencingException(Kind.AUTH, where() + ": TLS refused: " + e.getMessage()
                    + " (check tls.ca or tls.fingerprint)", e);
        } catch (IOException e) {
            throw new FencingException(Kind.UNREACHABLE, where() + ": " + e, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0 && bytes.size() < 1_000_000;) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int port() {
        return device.port() == 0 ? DEFAULT_PORT : device.port();
    }

    String where() {
        return "ilo device " + device.name() + " (" + device.address() + ":" + port() + ")";
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&apos;");
    }
}
