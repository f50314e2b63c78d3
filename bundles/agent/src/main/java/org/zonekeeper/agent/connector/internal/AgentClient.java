package org.zonekeeper.agent.connector.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.zonekeeper.api.Host;
import org.zonekeeper.api.HostReport;
import org.zonekeeper.api.Vm;
import org.zonekeeper.api.VmState;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.fencing.Secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The node agent's HTTP API (node-agent/README.md): health, and deploy / stop / status of a VM by its deploy id.
 * Every request names the leader's term, which the agent keeps and holds against any older leader.
 */
final class AgentClient {
    /** The header naming the sender's leader term (node-agent/README.md). */
    static final String TERM = "X-Zonekeeper-Term";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentConnector.Config config;
    private final Secret token;
    private final long term;
    private final HttpClient http;

    /** Calls agents as {@code config} (checked) says, with {@code token}, for the leader of {@code term}. */
    AgentClient(AgentConnector.Config config, Secret token, long term) {
        this.config = config;
        this.token = token;
        this.term = term;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    CompletableFuture<HostReport> health(Host host, Duration timeout) {
        return http.sendAsync(request(host, "/v1/health", timeout).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> report(body(host, r)));
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
        return HttpRequest.newBuilder(URI.create("http://" + endpoint(host) + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token.reveal()).header(TERM, Long.toString(term));
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
        if (response.statusCode() == 401) {
            throw new ZoneException("node agent of " + host.name() + " refused the token (check token.file)");
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
