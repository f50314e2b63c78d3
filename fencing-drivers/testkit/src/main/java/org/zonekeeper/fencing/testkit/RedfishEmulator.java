package org.zonekeeper.fencing.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.zonekeeper.testkit.Ports;

/**
 * A Redfish BMC over HTTPS on 127.0.0.1 serving one ComputerSystem per {@link Chassis}: the service root, the
 * Systems collection, each system's PowerState and its {@code #ComputerSystem.Reset} action, HTTP Basic
 * authentication and X-Auth-Token sessions. Faults a test can switch on: how an "already in that state" reset is
 * answered, reset failures with a given HTTP status, slow answers, a reported PowerState other than the chassis',
 * and {@link #stop()} to take the BMC down. Every request is kept in {@link #requests()}.
 */
public final class RedfishEmulator implements AutoCloseable {
    public static final String ROOT = "/redfish/v1";
    public static final String SYSTEMS = ROOT + "/Systems";
    public static final String SESSIONS = ROOT + "/SessionService/Sessions";
    public static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart",
            "GracefulRestart", "PowerCycle", "PushPowerButton", "Nmi");

    /** How a reset that asks for the state the system is already in is answered. */
    public enum AlreadyInState {
        /** 204, nothing happens (many BMCs). */
        NO_OP(204),
        /** 409 Conflict with a Redfish error (iDRAC-like). */
        CONFLICT(409),
        /** 400 Bad Request with a Redfish error (iLO-like). */
        BAD_REQUEST(400);

        final int status;

        AlreadyInState(int status) {
            this.status = status;
        }
    }

    /**
     * One request as received: {@code auth} is "basic", "token" or "none" (whether it was accepted shows in the
     * status); {@code resetType} is the ResetType of a reset action, else null.
     */
    public record Request(String method, String path, String auth, String resetType, int status) {
        @Override
        public String toString() {
            return method + " " + path + (resetType == null ? "" : " " + resetType) + " -> " + status;
        }
    }

    private static final Pattern RESET_PATH = Pattern.compile(Pattern.quote(SYSTEMS)
            + "/([^/]+)/Actions/ComputerSystem\\.Reset");
    private static final Pattern SYSTEM_PATH = Pattern.compile(Pattern.quote(SYSTEMS) + "/([^/]+)");
    private static final Pattern SESSION_PATH = Pattern.compile(Pattern.quote(SESSIONS) + "/([^/]+)");

    private final Map<String, Chassis> systems;
    private final String username;
    private final String password;
    /** token → session id */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private volatile AlreadyInState alreadyInState = AlreadyInState.NO_OP;
    private volatile int resetFailure;
    private volatile Duration delay = Duration.ZERO;
    private volatile String reportedPowerState;
    private volatile List<String> allowableResetTypes = RESET_TYPES;

    private HttpsServer server;
    private ExecutorService executor;
    private int port;

    /** {@code systems}: system id → its chassis, listed in the map's iteration order. */
    public RedfishEmulator(Map<String, Chassis> systems, String username, String password) {
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("a Redfish emulator needs at least one system");
        }
        this.systems = new LinkedHashMap<>(systems);
        this.username = username;
        this.password = password;
    }

    /** Starts serving HTTPS on 127.0.0.1 and a free port below the ephemeral range (see {@link Ports}) with {@code certificate}'s key. */
    public synchronized RedfishEmulator start(SelfSignedCertificate certificate) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = Ports.bind(free -> HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), free),
                    16));
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "redfish-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public String address() {
        return "127.0.0.1";
    }

    /** The port it serves on (after {@link #stop()}, the port it served on). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    public static String systemPath(String id) {
        return SYSTEMS + "/" + id;
    }

    /** Takes the BMC down: the port refuses connections from now on. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public RedfishEmulator alreadyInState(AlreadyInState answer) {
        this.alreadyInState = answer;
        return this;
    }

    /** Answers every reset with {@code httpStatus} and a Redfish error, changing nothing; 0 switches this off. */
    public RedfishEmulator failResets(int httpStatus) {
        this.resetFailure = httpStatus;
        return this;
    }

    /** Waits this long before answering each request (a BMC that does not answer in time). */
    public RedfishEmulator delayResponses(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Reports this PowerState (e.g. "PoweringOff") instead of the chassis' On/Off; null reports the chassis. */
    public RedfishEmulator reportPowerState(String value) {
        this.reportedPowerState = value;
        return this;
    }

    /** The ResetType values systems list and accept (others get 400 ActionParameterNotSupported). */
    public RedfishEmulator allowableResetTypes(String... types) {
        this.allowableResetTypes = List.of(types);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The ResetType of every reset request received, in order. */
    public List<String> resets() {
        return requests.stream().filter(r -> r.resetType() != null).map(Request::resetType).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String auth = authentication(exchange);
            Answer answer = route(method, path, auth, new String(body, StandardCharsets.UTF_8));
            requests.add(new Request(method, path, auth, answer.resetType, answer.status));
            pause();
            send(exchange, answer);
        }
    }

    private Answer route(String method, String path, String auth, String body) {
        if (path.equals("/redfish")) {
            return get(method, "{\"v1\":\"/redfish/v1/\"}");
        }
        if (path.equals(ROOT)) {
            return get(method, serviceRoot());
        }
        if (path.equals(SESSIONS) && method.equals("POST")) {
            return login(body);
        }
        if (auth.equals("none") || auth.equals("refused")) {
            return Answer.unauthorized();
        }
        if (path.equals(ROOT + "/SessionService")) {
            return get(method, "{\"@odata.id\":\"" + ROOT + "/SessionService\",\"Id\":\"SessionService\","
                    + "\"ServiceEnabled\":true,\"Sessions\":{\"@odata.id\":\"" + SESSIONS + "\"}}");
        }
        if (path.equals(SESSIONS)) {
            return get(method, collection(SESSIONS, "#SessionCollection.SessionCollection",
                    List.copyOf(sessions.values())));
        }
        Matcher m = SESSION_PATH.matcher(path);
        if (m.matches()) {
            return session(method, m.group(1));
        }
        if (path.equals(SYSTEMS)) {
            return get(method, collection(SYSTEMS, "#ComputerSystemCollection.ComputerSystemCollection",
                    List.copyOf(systems.keySet())));
        }
        m = RESET_PATH.matcher(path);
        if (m.matches() && systems.containsKey(m.group(1))) {
            return method.equals("POST") ? reset(m.group(1), body) : Answer.error(405, "Base.1.8.OperationNotAllowed",
                    "The HTTP method is not allowed for the URI " + path + ".", null);
        }
        m = SYSTEM_PATH.matcher(path);
        if (m.matches() && systems.containsKey(m.group(1))) {
            return get(method, system(m.group(1)));
        }
        return Answer.error(404, "Base.1.8.ResourceMissingAtURI", "The resource at the URI " + path
                + " was not found.", null);
    }

    private static Answer get(String method, String json) {
        if (!method.equals("GET")) {
            return Answer.error(405, "Base.1.8.OperationNotAllowed", "The HTTP method " + method
                    + " is not allowed here.", null);
        }
        return Answer.json(200, json);
    }

    private String authentication(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        if (token != null) {
            return sessions.containsKey(token) ? "token" : "refused";
        }
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic == null) {
            return "none";
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return basic.equals(expected) ? "basic" : "refused";
    }

    private Answer login(String body) {
        if (!username.equals(field(body, "UserName")) || !password.equals(field(body, "Password"))) {
            return Answer.unauthorized();
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        String id = String.valueOf(sessions.size() + 1) + "-" + token.substring(0, 6);
        sessions.put(token, id);
        Answer answer = Answer.json(201, sessionJson(id));
        answer.headers.put("X-Auth-Token", token);
        answer.headers.put("Location", SESSIONS + "/" + id);
        return answer;
    }

    private Answer session(String method, String id) {
        if (!sessions.containsValue(id)) {
            return Answer.error(404, "Base.1.8.ResourceMissingAtURI", "No session " + id + ".", null);
        }
        if (method.equals("DELETE")) {
            sessions.values().remove(id);
            return new Answer(204, null, null);
        }
        return get(method, sessionJson(id));
    }

    private String sessionJson(String id) {
        return "{\"@odata.id\":\"" + SESSIONS + "/" + id + "\",\"@odata.type\":\"#Session.v1_0_0.Session\",\"Id\":\""
                + id + "\",\"UserName\":\"" + escape(username) + "\"}";
    }

    private Answer reset(String id, String body) {
        String type = field(body, "ResetType");
        if (type == null) {
            return Answer.error(400, "Base.1.8.ActionParameterMissing", "The action ComputerSystem.Reset requires "
                    + "the parameter ResetType to be present in the request body.", null);
        }
        if (!allowableResetTypes.contains(type)) {
            return Answer.error(400, "Base.1.8.ActionParameterNotSupported", "The parameter ResetType for the "
                    + "action ComputerSystem.Reset is not supported on the target resource.", type);
        }
        if (resetFailure != 0) {
            return Answer.error(resetFailure, "Base.1.8.InternalError", "The request failed due to an internal "
                    + "service error.  The service is still operational.", type);
        }
        Chassis chassis = systems.get(id);
        synchronized (chassis) {
            switch (type) {
                case "On" -> {
                    if (chassis.isOn()) {
                        return refuseAlready("ON", type);
                    }
                    chassis.powerOn();
                }
                case "ForceOff", "GracefulShutdown" -> {
                    if (!chassis.isOn()) {
                        return refuseAlready("OFF", type);
                    }
                    chassis.powerOff();
                }
                case "PushPowerButton" -> {
                    if (chassis.isOn()) {
                        chassis.powerOff();
                    } else {
                        chassis.powerOn();
                    }
                }
                case "ForceRestart", "GracefulRestart", "PowerCycle" -> chassis.cycle();
                default -> {
                    // Nmi and the like: accepted, no power change.
                }
            }
        }
        return new Answer(204, null, type);
    }

    private Answer refuseAlready(String state, String type) {
        AlreadyInState answer = alreadyInState;
        if (answer == AlreadyInState.NO_OP) {
            return new Answer(204, null, type);
        }
        return Answer.error(answer.status, "Oem.1.0.ServerAlreadyInState", "Server is already powered " + state
                + ".", type);
    }

    private String serviceRoot() {
        return "{\"@odata.id\":\"" + ROOT + "\",\"@odata.type\":\"#ServiceRoot.v1_5_0.ServiceRoot\",\"Id\":\"RootService\","
                + "\"Name\":\"Root Service\",\"RedfishVersion\":\"1.6.0\",\"UUID\":\"92384634-2938-2342-8820-489239905423\","
                + "\"Systems\":{\"@odata.id\":\"" + SYSTEMS + "\"},"
                + "\"SessionService\":{\"@odata.id\":\"" + ROOT + "/SessionService\"},"
                + "\"Links\":{\"Sessions\":{\"@odata.id\":\"" + SESSIONS + "\"}}}";
    }

    private static String collection(String path, String type, List<String> ids) {
        String members = ids.stream().map(id -> "{\"@odata.id\":\"" + path + "/" + escape(id) + "\"}")
                .collect(Collectors.joining(","));
        return "{\"@odata.id\":\"" + path + "\",\"@odata.type\":\"" + type + "\",\"Members@odata.count\":"
                + ids.size() + ",\"Members\":[" + members + "]}";
    }

    private String system(String id) {
        String path = systemPath(escape(id));
        String reported = reportedPowerState;
        String power = reported != null ? reported : systems.get(id).isOn() ? "On" : "Off";
        String allowed = allowableResetTypes.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
        return "{\"@odata.id\":\"" + path + "\",\"@odata.type\":\"#ComputerSystem.v1_13_0.ComputerSystem\","
                + "\"Id\":\"" + escape(id) + "\",\"Name\":\"System " + escape(id) + "\",\"SystemType\":\"Physical\","
                + "\"PowerState\":\"" + escape(power) + "\","
                + "\"Actions\":{\"#ComputerSystem.Reset\":{\"target\":\"" + path
                + "/Actions/ComputerSystem.Reset\",\"ResetType@Redfish.AllowableValues\":[" + allowed + "]}}}";
    }

    private void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("OData-Version", "4.0");
        if (answer.json == null) {
            exchange.sendResponseHeaders(answer.status, -1);
            return;
        }
        byte[] bytes = answer.json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The string value of {@code "name": "..."} in a small JSON request body, or null. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        return m.find() ? m.group(1).replaceAll("\\\\(.)", "$1") : null;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static final class Answer {
        final int status;
        final String json;
        final String resetType;
        final Map<String, String> headers = new LinkedHashMap<>();

        Answer(int status, String json, String resetType) {
            this.status = status;
            this.json = json;
            this.resetType = resetType;
        }

        static Answer json(int status, String json) {
            return new Answer(status, json, null);
        }

        static Answer unauthorized() {
            Answer a = error(401, "Base.1.8.NoValidSession", "There is no valid session established with the "
                    + "implementation.", null);
            a.headers.put("WWW-Authenticate", "Basic realm=\"RedfishEmulator\"");
            return a;
        }

        static Answer error(int status, String messageId, String message, String resetType) {
            String info = "{\"@odata.type\":\"#Message.v1_1_1.Message\",\"MessageId\":\"" + messageId
                    + "\",\"Message\":\"" + escape(message) + "\",\"Severity\":\"Warning\",\"Resolution\":\"None.\"}";
            String json = "{\"error\":{\"code\":\"Base.1.8.GeneralError\",\"message\":\"A general error has occurred. "
                    + "See ExtendedInfo for more information.\",\"@Message.ExtendedInfo\":[" + info + "]}}";
            return new Answer(status, json, resetType);
        }
    }
}
