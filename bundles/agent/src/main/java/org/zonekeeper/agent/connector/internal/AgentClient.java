package org.zonekeeper.agent.connector.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.ZoneServer;
import org.zonekeeper.api.fencing.Secret;
import org.zonekeeper.trust.Peer;
import org.zonekeeper.trust.Role;
import org.zonekeeper.trust.ZoneTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The node agent's HTTP API (node-agent/README.md): health, and deploy / stop / status of a VM by its deploy id.
 * Every request names the leader's term, which the agent keeps and holds against any older leader. With the zone's
 * TLS it is HTTPS: this server shows its own certificate, and the agent must show the certificate of the very host
 * whose address was called, checked in the handshake, before the token or anything else is sent: an impostor at a
 * host's address, even another host of the zone, gets nothing.
 */
final class AgentClient {
    /** The header naming the sender's leader term (node-agent/README.md). */
    static final String TERM = "X-Zonekeeper-Term";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentConnector.Config config;
    private final Secret token;
    private final long term;
    private final ZoneTrust trust;
    private final Supplier<List<Host>> hosts;
    private final String scheme;
    /**
     * The host whose agent each address ({@code HOST:PORT}, no brackets) is: one address, one host, so the identity
     * a connection proved in its handshake is the identity of every request it carries.
     */
    private final Map<String, String> hostAt = new ConcurrentHashMap<>();
    private volatile HttpClient http;

    /**
     * Calls agents as {@code config} (checked) says, with {@code token}, for the leader of {@code term} (0: for no
     * leader, the header left out, which an agent takes on a health call only); over HTTPS
     * as this server ({@code trust}), or over plain HTTP when {@code trust} is null (the zone's TLS is off).
     * {@code hosts} are the zone's hosts now, read when two hosts are found at one address.
     */
    AgentClient(AgentConnector.Config config, Secret token, long term, ZoneTrust trust, Supplier<List<Host>> hosts) {
        this.config = config;
        this.token = token;
        this.term = term;
        this.trust = trust;
        this.hosts = hosts;
        this.scheme = trust == null ? "http://" : "https://";
        this.http = newClient();
    }

    /** A client with no connection yet: each one it opens proves, in its handshake, to be the host at its address. */
    private HttpClient newClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (trust != null) {
            builder.sslContext(trust.contextExpecting(address -> Optional.ofNullable(hostAt.get(address))
                    .map(name -> new Peer(Role.HOST, name))));
        }
        return builder.build();
    }

    /**
     * Makes {@code address} the agent address of {@code host}. An address another host was called at is taken over
     * only once that host is no longer there (deleted, or given another address), and then no connection opened for
     * it is used again; while both are there, {@code host} is not called at all.
     */
    private void claim(String address, Host host) {
        if (!host.name().equals(hostAt.get(address))) { // the address is this host's already: no lock, as a rule
            claimChanged(address, host);
        }
    }

    private synchronized void claimChanged(String address, Host host) {
        String before = hostAt.putIfAbsent(address, host.name());
        if (before == null || before.equals(host.name())) {
            return;
        }
        if (hosts.get().stream().anyMatch(h -> h.name().equals(before) && key(endpoint(h)).equals(address))) {
            throw new ZoneException("node agent of " + host.name() + ": its address " + address + " is host "
                    + before + "'s too: it is not called until one of them gets another address");
        }
        hostAt.put(address, host.name());
        http = newClient(); // the connections proved for the host before are left to close
    }

    private static String key(String endpoint) {
        java.net.InetSocketAddress address = ZoneServer.address(endpoint);
        return ZoneTrust.addressKey(address.getHostString(), address.getPort());
    }

    CompletableFuture<HostReport> health(Host host, Duration timeout) {
        return healthCall(host, timeout, HttpResponse.BodyHandlers.ofString()).thenApply(r -> report(body(host, r)));
    }

    /**
     * Whether the host's own agent answers its health call within {@code timeout}: any HTTP answer (a refused token
     * or term included) from the agent that proved to be {@code host} is an answer; no connection, a handshake or an
     * answer that does not come in time, or another host's agent, is none. Never completes exceptionally.
     */
    CompletableFuture<Boolean> answers(Host host, Duration timeout) {
        return healthCall(host, timeout, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> trust == null || r.sslSession().flatMap(ZoneTrust::peer)
                        .equals(Optional.of(new Peer(Role.HOST, host.name()))))
                .completeOnTimeout(false, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(e -> false);
    }

    /** {@code GET /v1/health} of the host's agent; failed at once when the host may not be called (its address). */
    private <T> CompletableFuture<HttpResponse<T>> healthCall(Host host, Duration timeout,
            HttpResponse.BodyHandler<T> answer) {
        HttpRequest request;
        try {
            request = request(host, "/v1/health", timeout).GET().build();
        } catch (ZoneException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, answer);
    }

    VmState deploy(Host host, Vm vm) {
        ObjectNode spec = JSON.createObjectNode().put("cpu", vm.cpu()).put("memoryMb", vm.memoryMb())
                .put("name", vm.name()).put("placement", vm.placement())
                .put("disk", config.disk_dir().trim() + "/" + vm.deployId() + ".disk");
        if (!vm.template().isBlank()) {
            spec.putArray("command").addAll(java.util.Arrays.stream(vm.template().trim().split("\\s+"))
                    .map(JSON.getNodeFactory()::textNode).toList());
        }
        return state(call(host, request(host, vmPath(vm), Duration.ofMillis(config.request_timeout_ms()))
                .PUT(HttpRequest.BodyPublishers.ofString(spec.toString())).header("Content-Type", "application/json")
                .build()));
    }

    void stop(Host host, Vm vm) {
        call(host, request(host, vmPath(vm), Duration.ofMillis(config.request_timeout_ms())).DELETE().build());
    }

    VmState status(Host host, Vm vm) {
        return state(call(host, request(host, vmPath(vm), Duration.ofMillis(config.request_timeout_ms())).GET().build()));
    }

    private static String vmPath(Vm vm) {
        return "/v1/vms/" + vm.deployId();
    }

    private HttpRequest.Builder request(Host host, String path, Duration timeout) {
        claim(key(endpoint(host)), host);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + endpoint(host) + path))
                .timeout(timeout).header("Authorization", "Bearer " + token.reveal());
        return term > 0 ? builder.header(TERM, Long.toString(term)) : builder;
    }

    /** The host's address, with the configured port unless it names one. */
    String endpoint(Host host) {
        String address = host.address();
        boolean hasPort = address.matches(".*:\\d+") && !address.matches("[0-9a-fA-F:]+");
        return hasPort ? address : address + ":" + config.port();
    }

    private JsonNode call(Host host, HttpRequest request) {
        try {
            return body(host, http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new ZoneException("node agent of " + host.name() + " (" + endpoint(host) + "): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZoneException("interrupted talking to the node agent of " + host.name());
        }
    }

    private JsonNode body(Host host, HttpResponse<String> response) {
        if (trust != null) {
            // checked in the handshake already; again here, so that no answer is ever taken from another host
            Optional<Peer> peer = response.sslSession().flatMap(ZoneTrust::peer);
            if (!peer.equals(Optional.of(new Peer(Role.HOST, host.name())))) {
                throw new ZoneException("node agent of " + host.name() + ": the answer came from "
                        + peer.map(Peer::toString).orElse("nobody"));
            }
        }
        if (response.statusCode() == 401) {
            throw new ZoneException("node agent of " + host.name() + " refused the token (check token.file)");
        }
        if (response.statusCode() == 403) {
            throw new ZoneException("node agent of " + host.name() + " refused this server: " + response.body().strip());
        }
        if (response.statusCode() >= 300) {
            throw new ZoneException("node agent of " + host.name() + " answered HTTP " + response.statusCode() + ": "
                    + response.body().strip());
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new CompletionException(new ZoneException("node agent of " + host.name() + " sent no JSON: "
                    + e.getMessage()));
        }
    }

    private static HostReport report(JsonNode health) {
        Map<String, VmState> vms = new HashMap<>();
        for (JsonNode vm : health.path("vms")) {
            vms.put(vm.path("name").asText(), state(vm));
        }
        return new HostReport(health.path("time").asLong(System.currentTimeMillis()),
                health.path("cpu").path("cores").asInt(), health.path("cpu").path("load1").asDouble(),
                health.path("memory").path("totalMb").asLong(), health.path("memory").path("freeMb").asLong(), vms);
    }

    private static VmState state(JsonNode vm) {
        try {
            return VmState.valueOf(vm.path("state").asText("UNKNOWN").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return VmState.UNKNOWN;
        }
    }
}
