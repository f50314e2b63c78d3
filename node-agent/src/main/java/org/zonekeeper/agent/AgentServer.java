package org.zonekeeper.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneTrust;

/**
 * The agent's HTTP API (README.md): GET /v1/health, and PUT (deploy), DELETE (stop), GET (status) on /v1/vms/NAME.
 * With the zone's TLS (the default) it is HTTPS: TLS 1.3, the client must show a certificate of the zone's CA naming
 * a zone server (a host's or a client's is answered 403), and this agent shows its host's certificate. Every request
 * needs {@code Authorization: Bearer TOKEN}; a deploy or stop also needs
 * {@code X-Zonekeeper-Term: TERM}, the sending leader's term, and is refused (409) when a newer leader was heard,
 * or, over TLS, when another zone server was heard naming the same term (Raft has one leader per term: the first
 * server heard with a term holds it here); a deploy names the VM's {@code placement} and is refused (409) as
 * {@link Placements} says.
 */
final class AgentServer implements AutoCloseable {
    private static final String VM_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    private static final String TERM = "X-Zonekeeper-Term";

    private final AgentSettings settings;
    private final Vmm vmm;
    private final KeptNumber term;
    private final Placements placements;
    private final HttpServer http;

    AgentServer(AgentSettings settings, Vmm vmm) throws IOException {
        this.settings = settings;
        this.vmm = vmm;
        this.term = new KeptNumber(settings.stateDir().resolve("leader-term"));
        this.placements = new Placements(settings.stateDir());
        this.http = listen(new InetSocketAddress(settings.listenHost(), settings.port()), settings.trust());
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/v1/", this::handle);
        http.start();
    }

    /** HTTPS needing a client certificate of the zone's CA, TLS 1.3 only; plain HTTP with {@code trust} null. */
    private static HttpServer listen(InetSocketAddress address, ZoneTrust trust) throws IOException {
        if (trust == null) {
            return HttpServer.create(address, 64);
        }
        HttpsServer https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(trust.context()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                ssl.setProtocols(new String[] {ZoneTrust.PROTOCOL});
                params.setSSLParameters(ssl);
            }
        });
        return https;
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            Optional<Peer> peer = peer(x);
            String stranger = stranger(x, peer);
            if (stranger != null) {
                error(x, 403, stranger);
                return;
            }
            if (!authorized(x)) {
                error(x, 401, "missing or wrong bearer token");
                return;
            }
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            String stale = stale(x, peer, !method.equals("GET"));
            if (stale != null) {
                error(x, 409, stale);
            } else if (path.equals("/v1/health") && method.equals("GET")) {
                send(x, 200, health());
            } else if (path.startsWith("/v1/vms/") && path.substring(8).matches(VM_NAME)) {
                vm(x, method, path.substring(8));
            } else {
                error(x, 404, "no " + method + " " + path);
            }
        } catch (IllegalArgumentException e) {
            error(x, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            error(x, 500, String.valueOf(e));
        } finally {
            x.close();
        }
    }

    private void vm(HttpExchange x, String method, String name) throws IOException {
        switch (method) {
            case "PUT" -> {
                Map<String, Object> body = Json.object(new String(x.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                Object disk = body.get("disk");
                if (!(disk instanceof String d) || d.isBlank()) {
                    throw new IllegalArgumentException("disk: a file path is required");
                }
                if (!Path.of(d).isAbsolute() || !Path.of(d).normalize().startsWith(settings.diskDir())) {
                    throw new IllegalArgumentException("disk: '" + d + "' is not under this agent's disk.dir ("
                            + settings.diskDir() + ")");
                }
                if (!(body.get("placement") instanceof Double placement) || placement < 0) {
                    throw new IllegalArgumentException("placement: a number of 0 or more is required (the VM's "
                            + "placement count, from the front-end)");
                }
                String refused = placements.admit(name, placement.longValue(),
                        vmm.status(name).state().equals("RUNNING"));
                if (refused != null) {
                    error(x, 409, refused);
                    return;
                }
                @SuppressWarnings("unchecked")
                List<String> command = body.get("command") instanceof List<?> c ? (List<String>) c : List.of();
                Vmm.Vm vm = vmm.deploy(new DeployRequest(name, number(body, "cpu"), number(body, "memoryMb"), d,
                        command));
                send(x, 200, json(vm));
            }
            case "DELETE" -> {
                vmm.stop(name);
                send(x, 200, json(vmm.status(name)));
            }
            case "GET" -> send(x, 200, json(vmm.status(name)));
            default -> error(x, 405, "method not allowed");
        }
    }

    /**
     * Why the request's leader term is refused, or null. Every term heard is remembered with the server that named it
     * first (a health probe teaches the agent a new leader's term); a change needs one.
     */
    private String stale(HttpExchange x, Optional<Peer> peer, boolean change) throws IOException {
        String header = x.getRequestHeaders().getFirst(TERM);
        if (header == null) {
            if (change) {
                throw new IllegalArgumentException(TERM + ": required on a deploy or stop (the sender's leader term)");
            }
            return null;
        }
        long named;
        try {
            named = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TERM + ": '" + header + "' is not a number");
        }
        // the zone server's name on the client certificate; empty over HTTP
        String server = peer.map(Peer::name).orElse("");
        if (term.admit(named, server)) {
            return null;
        }
        if (named == term.highest()) {
            return "leader term " + named + " is held by server " + term.holder() + ", not by " + server
                    + " (one leader per term)";
        }
        return "leader term " + named + " is stale: this agent has heard from the leader of term " + term.highest()
                + " (the sender no longer leads)";
    }

    private static int number(Map<String, Object> body, String key) {
        return body.get(key) instanceof Double d ? d.intValue() : 0;
    }

    /** The client certificate's identity of {@code x}, read once per request; empty over HTTP or without one. */
    private static Optional<Peer> peer(HttpExchange x) {
        return x instanceof HttpsExchange https ? ZoneTrust.peer(https.getSSLSession()) : Optional.empty();
    }

    /** Why the client of {@code x} may not use this agent (only zone servers may), or null; always null over HTTP. */
    private static String stranger(HttpExchange x, Optional<Peer> peer) {
        if (!(x instanceof HttpsExchange)) {
            return null;
        }
        return peer.filter(p -> p.role() == Role.SERVER).isPresent() ? null
                : "only the zone's servers may use this agent, not " + peer.map(Peer::toString).orElse("nobody");
    }

    private boolean authorized(HttpExchange x) {
        String header = x.getRequestHeaders().getFirst("Authorization");
        byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        byte[] wanted = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, wanted);
    }

    private String health() throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String vms = vmm.list().stream().map(AgentServer::json).collect(Collectors.joining(",", "[", "]"));
        return "{\"host\":" + Json.quote(settings.hostName()) + ",\"leaderTerm\":" + term.highest()
                + ",\"time\":" + System.currentTimeMillis()
                + ",\"cpu\":{\"cores\":" + os.getAvailableProcessors() + ",\"load1\":" + os.getSystemLoadAverage()
                + "},\"memory\":{\"totalMb\":" + os.getTotalMemorySize() / 1048576 + ",\"freeMb\":"
                + os.getFreeMemorySize() / 1048576 + "},\"vms\":" + vms + "}";
    }

    private static String json(Vmm.Vm vm) {
        return "{\"name\":" + Json.quote(vm.name()) + ",\"state\":" + Json.quote(vm.state()) + ",\"pid\":" + vm.pid()
                + "}";
    }

    /** Answers {@code {"error": MESSAGE}}. */
    private static void error(HttpExchange x, int status, String message) throws IOException {
        send(x, status, "{\"error\":" + Json.quote(message) + "}");
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
