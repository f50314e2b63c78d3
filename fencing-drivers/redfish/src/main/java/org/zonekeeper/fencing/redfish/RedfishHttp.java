package org.zonekeeper.fencing.redfish;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonekeeper.api.fencing.FenceDevice;
import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.api.fencing.Verification;
import org.zonekeeper.fencing.support.TlsContexts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTPS requests to one Redfish service with HTTP Basic authentication, each bounded by the device's timeout.
 * Failures become one-line {@link FencingException}s naming the device and its address.
 */
final class RedfishHttp {
    static final int DEFAULT_PORT = 443;
    private static final Logger LOG = LoggerFactory.getLogger(RedfishHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer with any status; {@link #json} and {@link RedfishHttp#refused} read it. */
    record Reply(String method, String path, int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final FenceDevice device;
    private final HttpClient client;
    private final String base;
    private final String authorization;

    RedfishHttp(FenceDevice device) throws FencingException {
        this.device = device;
        this.client = HttpClient.newBuilder()
                .sslContext(TlsContexts.forDevice(device))
                .connectTimeout(device.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String host = device.address().contains(":") ? "[" + device.address() + "]" : device.address();
        this.base = "https://" + host + ":" + port(device);
        this.authorization = device.username().isEmpty() && device.password().isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((device.username() + ":" + device.password().reveal())
                        .getBytes(StandardCharsets.UTF_8));
    }

    static int port(FenceDevice device) {
        return device.port() == 0 ? DEFAULT_PORT : device.port();
    }

    /** "redfish device bmc-7 (10.0.0.7:443)": how every message starts. */
    String where() {
        return device.driver() + " device " + device.name() + " (" + device.address() + ":" + port(device) + ")";
    }

    FencingException failure(Kind kind, String what) {
        return new FencingException(kind, where() + ": " + what);
    }

    /** GETs a resource and returns its JSON; any status but 2xx fails. */
    JsonNode get(String path) throws FencingException {
        Reply reply = send("GET", path, null);
        if (!reply.ok()) {
            throw refused(reply, "");
        }
        return json(reply);
    }

    /** POSTs a JSON body and returns the answer, whatever its status. */
    Reply post(String path, String jsonBody) throws FencingException {
        return send("POST", path, jsonBody);
    }

    JsonNode json(Reply reply) throws FencingException {
        JsonNode node;
        try {
            node = JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw failure(Kind.PROTOCOL, reply.method() + " " + reply.path() + " answered HTTP " + reply.status()
                    + " with something that is not a Redfish JSON object: " + RedfishErrors.excerpt(reply.body()));
        }
        return node;
    }

    /** The failure a non-2xx answer means: AUTH for 401/403, PROTOCOL with the Redfish message otherwise. */
    FencingException refused(Reply reply, String detail) {
        String message = RedfishErrors.message(reply.body());
        String said = message.isEmpty() ? "" : ": " + message;
        if (reply.status() == 401) {
            return failure(Kind.AUTH, "authentication refused (HTTP 401 on " + reply.path()
                    + "; check username and password)");
        }
        if (reply.status() == 403) {
            return failure(Kind.AUTH, "access refused (HTTP 403 on " + reply.method() + " " + reply.path() + said
                    + "; check the account's role and privileges)");
        }
        return failure(Kind.PROTOCOL, reply.method() + " " + reply.path() + detail + " answered HTTP "
                + reply.status() + said);
    }

    private Reply send(String method, String path, String jsonBody) throws FencingException {
        if (!path.startsWith("/")) {
            throw failure(Kind.PROTOCOL, "the service links to '" + RedfishErrors.excerpt(path)
                    + "', not a path on this BMC");
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path));
        } catch (IllegalArgumentException e) {
            throw failure(Kind.PROTOCOL, "'" + RedfishErrors.excerpt(path) + "' is not a usable path");
        }
        request.timeout(device.timeout())
                .header("Accept", "application/json")
                .header("OData-Version", "4.0");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            LOG.debug("{}: {} {} -> HTTP {}", where(), method, path, response.statusCode());
            return new Reply(method, path, response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw failure(Kind.UNREACHABLE, "no connection within " + device.timeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw failure(Kind.TIMEOUT, "no answer to " + method + " " + path + " within "
                    + device.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            throw failure(Kind.UNREACHABLE, "cannot connect (" + reason(e, "connection refused") + ")");
        } catch (IOException e) {
            SSLException tls = find(e, SSLException.class);
            if (tls != null) {
                throw failure(Kind.AUTH, "TLS certificate refused (" + reason(tls, "handshake failed") + "); "
                        + tlsAdvice());
            }
            throw failure(Kind.UNREACHABLE, method + " " + path + " failed: " + reason(e, e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Kind.TIMEOUT, method + " " + path + " interrupted (deadline reached)");
        }
    }

    private String tlsAdvice() {
        Verification v = device.verification();
        if (v.tlsFingerprint() != null && !v.tlsFingerprint().isBlank()) {
            return "check tls.fingerprint";
        }
        if (v.caFile() != null) {
            return "check tls.ca (the certificate must be signed by it and name the address), or pin the "
                    + "certificate with tls.fingerprint";
        }
        return "set tls.ca to the PEM file of the CA that signed the BMC's certificate, or tls.fingerprint to the "
                + "certificate's SHA-256";
    }

    /** The innermost message of an exception chain, or {@code otherwise}. */
    private static String reason(Throwable e, String otherwise) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? otherwise : RedfishErrors.excerpt(message);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
