package dev.keydesk.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A stateful stand-in for Narrative's access-token API on loopback, for the tests of core, the app
 * and the command line. It answers as the public OpenAPI (access tokens, v2.4.x) says:
 * <ul>
 *   <li>{@code GET /access-tokens/tokens} → 200 {@code {"records":[...]}} (no paging);</li>
 *   <li>{@code GET /access-tokens/tokens/{id}} → 200 {@code {"record":{...}}}, or 404 with no body;</li>
 *   <li>{@code POST /access-tokens/tokens} → <b>200</b> with the bare token and its secret as
 *       {@code access_token} (base64 with {@code + / =}, no prefix); {@code name} required,
 *       {@code expires_at} a date-time or a plain date (midnight UTC);</li>
 *   <li>{@code PUT /access-tokens/tokens/{id}} → 200 with the bare token; an empty update is a 400
 *       ("Update request is empty"); 404 with no body;</li>
 *   <li>{@code DELETE /access-tokens/tokens/{id}} → 200 with no body; 404 with no body;</li>
 *   <li>{@code GET /whoami} → the OpenAPI's example user and company, nothing about the token;</li>
 *   <li>errors {@code {"error","error_description"}}; a missing or revoked bearer 401;</li>
 *   <li>times with microseconds ({@code 2023-10-31T11:19:13.400498Z}).</li>
 * </ul>
 * A token's secret works until the token is deleted, so revoking the token a client authenticates
 * with locks that client out (401), as on the real service. {@link #denyNext} scripts refusals
 * (a missing permission as 401 or 403, the "no company" 403). Thread-safe.
 */
public final class NarrativeScriptedServer implements AutoCloseable {

    public static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\","
            + "\"error_description\":\"You are not authorized to use this endpoint.\"}";
    public static final String NO_COMPANY = "{\"error\":\"Forbidden\","
            + "\"error_description\":\"The token used to authenticate the request is not associated with a company\"}";

    /** The OpenAPI's whoami example, trimmed: a user and a company; nothing identifies the token. */
    static final String WHOAMI = """
            {"user_id":407,"name":"John Doe","company_access_list":[1],
             "current_company_scope":{"company_id":1,"slug":"narrative","name":"Narrative, Inc"},
             "created_at":"2022-11-29T21:42:24.978707Z","created_by":null}""";

    private static final Set<String> ACCESS = Set.of("admin", "read", "write", "create", "revise");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token: its four fields, plus any the test adds that a client must ignore. */
    private record Token(String id, String name, List<Map<String, String>> permissions, Instant expiresAt,
                         Map<String, String> extra) {
    }

    private final MockWebServer http = new MockWebServer();
    private final Clock clock;
    private final Random random = new Random(7);
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    /** Secret → token id: the bearers that work. */
    private final Map<String, String> bearers = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<MockResponse> scripted = new ArrayList<>();

    private NarrativeScriptedServer(Clock clock) {
        this.clock = clock;
    }

    /** Starts on a free loopback port, with no tokens; {@link #adminToken} makes the first. */
    public static NarrativeScriptedServer start() {
        return start(Clock.systemUTC());
    }

    public static NarrativeScriptedServer start(Clock clock) {
        NarrativeScriptedServer server = new NarrativeScriptedServer(Objects.requireNonNull(clock, "clock"));
        server.http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return server.handle(request);
            }
        });
        try {
            server.http.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>}: plain http, which the client allows to loopback only. */
    public URI baseUri() {
        return URI.create("http://" + http.getHostName() + ":" + http.getPort());
    }

    // ---- setting the scene ----

    /**
     * A token that may manage tokens (it holds {@code access_tokens} read and write, as the
     * Permissions Reference's "AccessTokens" would be spelled), expiring in 90 days; returns its secret.
     */
    public synchronized String adminToken(String name) {
        String id = seed(name, clock.instant().plus(90, ChronoUnit.DAYS), "access_tokens:read", "access_tokens:write");
        return secretOf(id);
    }

    /**
     * A token with these {@code resource:access} permissions (any access level, {@code admin} and
     * {@code revise} included) and this expiry; returns its id. Its secret is {@link #secretOf}.
     */
    public synchronized String seed(String name, Instant expiresAt, String... permissions) {
        List<Map<String, String>> perms = new ArrayList<>();
        for (String p : permissions) {
            int colon = p.lastIndexOf(':');
            perms.add(permission(p.substring(colon + 1), p.substring(0, colon)));
        }
        Token token = new Token(UUID.randomUUID().toString(), name, perms, micros(expiresAt), Map.of());
        tokens.put(token.id(), token);
        bearers.put(newSecret(), token.id());
        return token.id();
    }

    /** Adds a field the OpenAPI does not know to a token's JSON (a client must ignore it). */
    public synchronized void addUnknownField(String tokenId, String field, String value) {
        Token t = Objects.requireNonNull(tokens.get(tokenId), "no such token");
        Map<String, String> extra = new LinkedHashMap<>(t.extra());
        extra.put(field, value);
        tokens.put(tokenId, new Token(t.id(), t.name(), t.permissions(), t.expiresAt(), extra));
    }

    /** The secret of a token that exists (as its creator saw it once). */
    public synchronized String secretOf(String tokenId) {
        return bearers.entrySet().stream().filter(e -> e.getValue().equals(tokenId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no secret for " + tokenId));
    }

    /**
     * The next {@code n} requests (after authentication) are refused with {@code status} and
     * {@code body}: e.g. a missing permission as 401 {@link #UNAUTHORIZED} or 403, the "no company"
     * 403 {@link #NO_COMPANY}.
     */
    public synchronized void denyNext(int n, int status, String body) {
        for (int i = 0; i < n; i++) {
            scripted.add(error(status, body));
        }
    }

    // ---- what happened ----

    /** The ids of the tokens that exist now. */
    public synchronized List<String> tokenIds() {
        return List.copyOf(tokens.keySet());
    }

    public synchronized boolean exists(String tokenId) {
        return tokens.containsKey(tokenId);
    }

    /** The token's name and permissions as stored ({@code resource:access}). */
    public synchronized List<String> permissionsOf(String tokenId) {
        return tokens.get(tokenId).permissions().stream().map(p -> p.get("resource") + ":" + p.get("access")).toList();
    }

    public synchronized String nameOf(String tokenId) {
        return tokens.get(tokenId).name();
    }

    /** Every request so far as {@code "METHOD /path"}, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests so far were {@code "METHOD /path-prefix"}. */
    public long count(String methodAndPathPrefix) {
        return requests().stream().filter(r -> r.startsWith(methodAndPathPrefix)).count();
    }

    @Override
    public void close() {
        http.close();
    }

    // ---- answering ----

    private synchronized MockResponse handle(RecordedRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getTarget();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        requests.add(method + " " + path);
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !bearers.containsKey(auth.substring(7))) {
            return error(401, UNAUTHORIZED);
        }
        if (!scripted.isEmpty()) {
            return scripted.remove(0);
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        String[] parts = path.replaceAll("/+$", "").split("/");
        if (path.equals("/whoami") && method.equals("GET")) {
            return json(200, WHOAMI);
        }
        if (parts.length == 3 && parts[1].equals("access-tokens") && parts[2].equals("tokens")) {
            return switch (method) {
                case "GET" -> list();
                case "POST" -> create(body);
                default -> error(405, "{\"error\":\"Method Not Allowed\",\"error_description\":\"" + method + "\"}");
            };
        }
        if (parts.length == 4 && parts[1].equals("access-tokens") && parts[2].equals("tokens")) {
            Token token = tokens.get(parts[3]);
            if (token == null) {
                return new MockResponse.Builder().code(404).build(); // no body, as the OpenAPI says
            }
            return switch (method) {
                case "GET" -> json(200, "{\"record\":" + write(token, null) + "}");
                case "PUT" -> update(token, body);
                case "DELETE" -> revoke(token);
                default -> error(405, "{\"error\":\"Method Not Allowed\",\"error_description\":\"" + method + "\"}");
            };
        }
        return new MockResponse.Builder().code(404).build();
    }

    private MockResponse list() {
        StringBuilder out = new StringBuilder("{\"records\":[");
        boolean first = true;
        for (Token t : tokens.values()) {
            out.append(first ? "" : ",").append(write(t, null));
            first = false;
        }
        return json(200, out.append("]}").toString());
    }

    private MockResponse create(byte[] body) {
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return badRequest("The request cannot be parsed");
        }
        JsonNode name = request.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            return badRequest("The provided name is invalid");
        }
        List<Map<String, String>> perms = new ArrayList<>();
        if (request.has("permissions") && !readPermissions(request.get("permissions"), perms)) {
            return badRequest("The provided permissions are invalid");
        }
        Instant expires = clock.instant().plus(30, ChronoUnit.DAYS);
        if (request.has("expires_at")) {
            expires = readExpiry(request.get("expires_at"));
            if (expires == null) {
                return badRequest("The provided expiration date is invalid");
            }
        }
        Token token = new Token(UUID.randomUUID().toString(), name.asText(), perms, micros(expires), Map.of());
        tokens.put(token.id(), token);
        String secret = newSecret();
        bearers.put(secret, token.id());
        return json(200, write(token, secret)); // 200, not 201: the bare token and its secret
    }

    private MockResponse update(Token token, byte[] body) {
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return badRequest("The request cannot be parsed");
        }
        if (!request.has("name") && !request.has("permissions") && !request.has("expires_at")) {
            return badRequest("Update request is empty");
        }
        String name = token.name();
        if (request.has("name")) {
            if (!request.get("name").isTextual() || request.get("name").asText().isBlank()) {
                return badRequest("The provided name is invalid");
            }
            name = request.get("name").asText();
        }
        List<Map<String, String>> perms = token.permissions();
        if (request.has("permissions")) {
            perms = new ArrayList<>();
            if (!readPermissions(request.get("permissions"), perms)) {
                return badRequest("The provided permissions are invalid");
            }
        }
        Instant expires = token.expiresAt();
        if (request.has("expires_at")) {
            expires = readExpiry(request.get("expires_at"));
            if (expires == null) {
                return badRequest("The provided expiration date is invalid");
            }
        }
        Token updated = new Token(token.id(), name, perms, micros(expires), token.extra());
        tokens.put(token.id(), updated);
        return json(200, write(updated, null)); // the bare token, not {"record": ...}
    }

    private MockResponse revoke(Token token) {
        tokens.remove(token.id());
        bearers.values().removeIf(token.id()::equals);
        return new MockResponse.Builder().code(200).build(); // 200 without a body (not 204)
    }

    // ---- plumbing ----

    private static boolean readPermissions(JsonNode array, List<Map<String, String>> into) {
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode p : array) {
            if (!p.isObject() || !p.path("access").isTextual() || !p.path("resource").isTextual()
                    || !ACCESS.contains(p.get("access").asText()) || p.get("resource").asText().isBlank()) {
                return false;
            }
            into.add(permission(p.get("access").asText(), p.get("resource").asText()));
        }
        return true;
    }

    /** A date-time, or a plain date meaning midnight UTC; null for anything else. */
    private static Instant readExpiry(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Map<String, String> permission(String access, String resource) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("access", access);
        p.put("resource", resource);
        return p;
    }

    private String write(Token t, String secret) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("name", t.name());
        ArrayNode perms = o.putArray("permissions");
        for (Map<String, String> p : t.permissions()) {
            perms.addObject().put("access", p.get("access")).put("resource", p.get("resource"));
        }
        if (secret != null) {
            o.put("access_token", secret);
        }
        o.put("expires_at", MICROS.format(t.expiresAt()));
        t.extra().forEach(o::put);
        return o.toString();
    }

    /** Narrative keeps microseconds. */
    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** 25 random bytes in base64: ends in "==", and is drawn again until it holds a + or a /. */
    private String newSecret() {
        String secret;
        do {
            byte[] bytes = new byte[25];
            random.nextBytes(bytes);
            secret = Base64.getEncoder().encodeToString(bytes);
        } while (!(secret.contains("+") || secret.contains("/")) || bearers.containsKey(secret));
        return secret;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static MockResponse badRequest(String description) {
        return error(400, "{\"error\":\"Bad Request\",\"error_description\":\"" + description + "\"}");
    }

    private static MockResponse error(int status, String body) {
        return json(status, body);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }
}
