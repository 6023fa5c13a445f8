package dev.keydesk.client.keydesk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.DialectProbe;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.http.ErrorDialect;
import dev.keydesk.client.http.HttpTransport;
import dev.keydesk.client.http.TransportKeyApi;
import dev.keydesk.client.http.RawResponse;
import dev.keydesk.client.http.SecretJson;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link KeyApi} in KeyDesk's own dialect ({@code key-api.md}, version 1 and the 1.1 extensions),
 * over the shared {@link HttpTransport}. Build it with
 * {@code KeyApis.builder().dialect(Dialect.KEYDESK)}.
 *
 * <p>Paths start with {@code /v1} under the base URL (whose own path is kept). Retries follow the
 * transport's rules: GET, DELETE, PATCH, and a create because it carries an {@code Idempotency-Key}.
 * The 1.1 endpoints (usage, identify, revoked list, audit reason) are optional: a server without
 * them makes the matching {@link Capability} absent, and a call that meets their absence raises
 * {@link dev.keydesk.client.error.FeatureUnavailableException}.
 */
public final class KeydeskKeyApi extends TransportKeyApi {

    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    static final String AUDIT_REASON = "Audit-Reason";
    static final String KEY_NOT_FOUND = "key_not_found";
    /** The create response's secret field. */
    static final String SECRET_FIELD = "key";
    /** The contract's largest page: listing everything costs the fewest requests of the rate budget. */
    static final int ALL_KEYS_PAGE_SIZE = 1000;

    static final TypeReference<KeydeskWire.ListOf<KeydeskWire.KeyWire>> KEY_LIST = new TypeReference<>() { };
    private static final TypeReference<KeydeskWire.ListOf<KeydeskWire.AuditEventWire>> EVENT_LIST =
            new TypeReference<>() { };

    private final KeydeskCapabilities capabilities;

    private KeydeskKeyApi(HttpTransport http, KeydeskCapabilities capabilities) {
        super(http);
        this.capabilities = capabilities;
    }

    /** Builds the transport (with the contract's error reading) and this dialect over it. */
    public static KeyApi open(HttpTransport.Builder settings) {
        return new KeydeskKeyApi(settings.errorDialect(ErrorDialect.GENERIC).build(), new KeydeskCapabilities());
    }

    /**
     * How a server answers this dialect's {@code GET /v1/whoami} (and, where that is missing,
     * {@code GET /v1/api-keys?limit=1}), one attempt each: whether it speaks the dialect and took the
     * key. A refusal counts as this dialect only in this dialect's error shape (an error code plus a
     * request id). For {@link dev.keydesk.client.KeyApis#probeDialect}.
     */
    public static DialectProbe recognise(HttpTransport transport) {
        RawResponse me = transport.sendOnce(HttpTransport.get(transport.url("v1", "whoami")));
        JsonNode body = tree(me);
        if (me.isSuccessful() && body != null && body.path("key").isObject() && body.path("key").has("id")) {
            String name = body.path("key").path("name").asText(body.path("key").path("id").asText());
            return DialectProbe.found(Dialect.KEYDESK, true, "KeyDesk key API; connected as “" + name + "”.");
        }
        if ((me.code() == 401 || me.code() == 403) && isOwnError(me, body)) {
            return DialectProbe.found(Dialect.KEYDESK, false, "A KeyDesk key server, but it refused this key (HTTP "
                    + me.code() + ").");
        }
        if (me.code() == 404 || me.code() == 405) {
            // whoami is optional: the list is core.
            RawResponse list = transport.sendOnce(HttpTransport.get(transport.url("v1", "api-keys")
                    .addQueryParameter("limit", "1")));
            JsonNode listBody = tree(list);
            if (list.isSuccessful() && listBody != null && listBody.path("data").isArray()) {
                return DialectProbe.found(Dialect.KEYDESK, true, "KeyDesk key API (without whoami).");
            }
            if ((list.code() == 401 || list.code() == 403) && isOwnError(list, listBody)) {
                return DialectProbe.found(Dialect.KEYDESK, false, "A KeyDesk key server, but it refused this key "
                        + "(HTTP " + list.code() + ").");
            }
        }
        return DialectProbe.notFound("GET /v1/whoami answered HTTP " + me.code());
    }

    private static boolean isOwnError(RawResponse r, JsonNode body) {
        return body != null && body.path("error").isTextual() && body.has("message")
                && (body.has("request_id") || r.header("X-Request-Id") != null);
    }

    private static JsonNode tree(RawResponse r) {
        if (r.body() == null || r.body().length == 0) {
            return null;
        }
        try {
            return KeydeskJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }

    // ---- what it can do ----

    @Override
    public Capabilities capabilities() {
        return capabilities.snapshot(this);
    }

    @Override
    public KeydeskKeyApi withRetryPolicy(RetryPolicy policy) {
        return new KeydeskKeyApi(http.withRetryPolicy(policy), capabilities);
    }

    HttpTransport transport() {
        return http;
    }

    KeydeskCapabilities capabilityState() {
        return capabilities;
    }

    // ---- keys ----

    @Override
    public Page<ApiKey> listKeys(KeyListParams params) {
        KeyListParams p = params == null ? new KeyListParams(null, null, null) : params;
        HttpUrl.Builder url = url("api-keys");
        addQuery(url, "limit", p.limit() == null ? null : p.limit().toString());
        addQuery(url, "cursor", p.cursor());
        addQuery(url, "status", p.status());
        RawResponse r = http.send(HttpTransport.get(url));
        Page<ApiKey> page = read(r, KEY_LIST, l -> l.toPage(KeydeskWire.KeyWire::toModel), "a list of keys");
        return p.status() == null ? page : filtered(page, p.status());
    }

    /**
     * A server without the 1.1 status filter answers with the version-1 list: revoked keys cannot be
     * had from it; the other statuses are in it, and are picked out here.
     */
    private Page<ApiKey> filtered(Page<ApiKey> page, String status) {
        if (KeyStatus.REVOKED.equals(status)) {
            if (page.data().stream().anyMatch(k -> !k.isRevoked())) {
                String reason = KeydeskCapabilities.REVOKED_LIST_IGNORED;
                capabilities.turnOff(Capability.REVOKED_LIST, reason);
                throw http.unavailable(Capability.REVOKED_LIST, reason, null);
            }
            capabilities.turnOn(Capability.REVOKED_LIST);
            return page;
        }
        if (page.data().stream().allMatch(k -> status.equals(k.status()))) {
            return page;
        }
        return new Page<>(page.data().stream().filter(k -> status.equals(k.status())).toList(), page.hasMore(),
                page.nextCursor());
    }

    @Override
    public List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage) {
        List<ApiKey> all = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        KeyListParams params = KeyListParams.firstPage(ALL_KEYS_PAGE_SIZE).withStatus(status);
        while (true) {
            Page<ApiKey> page = listKeys(params);
            all.addAll(page.data());
            if (onPage != null) {
                onPage.accept(all.size());
            }
            if (!page.hasMore()) {
                return List.copyOf(all);
            }
            String cursor = page.nextCursor();
            if (cursor == null || cursor.isEmpty() || !seenCursors.add(cursor)) {
                throw new MalformedResponseException("The server's list of keys has more pages but "
                        + (cursor == null || cursor.isEmpty() ? "no cursor to the next one." : "repeats a cursor."),
                        200, null, null, null, null);
            }
            params = params.next(cursor);
        }
    }

    @Override
    public VersionedKey getKey(String id) {
        RawResponse r = http.send(HttpTransport.get(url("api-keys", requireId(id))));
        return new VersionedKey(read(r, KeydeskWire.KeyWire.class, KeydeskWire.KeyWire::toModel, "a key"), r.header("ETag"));
    }

    @Override
    public CreatedKey createKey(KeyCreateParams params) {
        return createKey(params, UUID.randomUUID().toString());
    }

    /** A create with a given idempotency key; package-private so tests can replay one on purpose. */
    CreatedKey createKey(KeyCreateParams params, String idempotencyKey) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = KeydeskJson.MAPPER.createObjectNode();
        body.put("name", params.name());
        if (params.description() != null) {
            body.put("description", params.description());
        }
        if (params.type() != null) {
            body.put("type", params.type());
        }
        ArrayNode permissions = body.putArray("permissions");
        params.permissions().forEach(p -> permissions.add(p.value()));
        if (params.expiresAt() != null) {
            body.put("expires_at", params.expiresAt().toString());
        } else {
            body.putNull("expires_at");
        }
        // Fixed once, before the retry loop: every attempt of this create carries the same key.
        Request request = HttpTransport.request(url("api-keys"))
                .header(HttpTransport.IDEMPOTENCY_KEY, idempotencyKey)
                .post(HttpTransport.json(bytes(body)))
                .build();
        RawResponse r = http.send(request);
        try {
            SecretJson.Parsed parsed;
            ApiKey key;
            try {
                parsed = SecretJson.read(r.body() == null ? new byte[0] : r.body(), SECRET_FIELD);
            } catch (IOException | RuntimeException e) {
                throw http.malformed(r, "expected the new key");
            }
            try {
                key = KeydeskJson.MAPPER.treeToValue(parsed.rest(), KeydeskWire.KeyWire.class).toModel();
            } catch (IOException | RuntimeException e) {
                if (parsed.secret() != null) {
                    parsed.secret().wipe();
                }
                throw http.malformed(r, "expected the new key");
            }
            boolean replayed = "true".equalsIgnoreCase(r.header(IDEMPOTENT_REPLAYED)) || parsed.secret() == null;
            return new CreatedKey(key, Optional.ofNullable(parsed.secret()), replayed);
        } finally {
            r.wipe();
        }
    }

    @Override
    public VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch, ChangeOptions options) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = KeydeskJson.MAPPER.createObjectNode();
        params.name().ifPresent(v -> body.put("name", v));
        params.description().ifPresent(v -> body.put("description", v));
        params.permissions().ifPresent(list -> {
            ArrayNode a = body.putArray("permissions");
            list.forEach(p -> a.add(p.value()));
        });
        if (params.expiresAtSet()) {
            if (params.expiresAt() == null) {
                body.putNull("expires_at");
            } else {
                body.put("expires_at", params.expiresAt().toString());
            }
        }
        params.status().ifPresent(v -> body.put("status", v));
        Request.Builder request = withReason(HttpTransport.request(url("api-keys", requireId(id))), options)
                .patch(HttpTransport.json(bytes(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        RawResponse r = http.send(request.build());
        return new VersionedKey(read(r, KeydeskWire.KeyWire.class, KeydeskWire.KeyWire::toModel, "the updated key"), r.header("ETag"));
    }

    @Override
    public void revokeKey(String id, ChangeOptions options) {
        http.send(withReason(HttpTransport.request(url("api-keys", requireId(id))), options).delete().build());
    }

    /**
     * Adds {@code Audit-Reason}. Sent whether or not the server is known to keep it: a server without
     * the extension ignores an unknown header, and a reason must never stop a revoke. Non-ASCII text
     * goes as UTF-8.
     */
    private static Request.Builder withReason(Request.Builder request, ChangeOptions options) {
        ChangeOptions o = options == null ? ChangeOptions.none() : options;
        o.auditReason().ifPresent(reason -> request.headers(
                request.build().headers().newBuilder().addUnsafeNonAscii(AUDIT_REASON, reason).build()));
        return request;
    }

    // ---- version 1.1 ----

    @Override
    public KeyUsage usage(String keyId) {
        String id = requireId(keyId);
        try {
            RawResponse r = http.send(HttpTransport.get(url("api-keys", id, "usage")));
            KeyUsage usage = read(r, KeydeskWire.UsageReportWire.class, u -> u.toModel(id), "the key's usage");
            capabilities.turnOn(Capability.USAGE);
            return usage;
        } catch (KeyApiException e) {
            throw missingEndpoint(e, Capability.USAGE, KeydeskCapabilities.usageAbsent(e.status()));
        }
    }

    @Override
    public Optional<ApiKey> identify(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] body = SecretJson.write("secret", secret);
        try {
            Request.Builder request = HttpTransport.request(url("api-keys", "identify"))
                    .post(HttpTransport.json(body));
            HttpTransport.safeToRepeat(request);
            HttpTransport.redacting(request, secret);
            RawResponse r = http.send(request.build());
            ApiKey key = read(r, KeydeskWire.IdentifyWire.class, KeydeskWire.IdentifyWire::toModel, "the identified key");
            capabilities.turnOn(Capability.IDENTIFY);
            return Optional.of(key);
        } catch (NotFoundException e) {
            if (e.code().filter(KEY_NOT_FOUND::equals).isPresent()) {
                capabilities.turnOn(Capability.IDENTIFY);
                return Optional.empty();
            }
            throw missingEndpoint(e, Capability.IDENTIFY, KeydeskCapabilities.identifyAbsent(e.status()));
        } catch (KeyApiException e) {
            throw missingEndpoint(e, Capability.IDENTIFY, KeydeskCapabilities.identifyAbsent(e.status()));
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /**
     * A 404 that is not {@code key_not_found}, a 405 or a 501 from an optional endpoint: the server
     * lacks it. Turns the capability off and says so; any other failure is returned unchanged.
     */
    private KeyApiException missingEndpoint(KeyApiException e, Capability capability, String reason) {
        if (!KeydeskCapabilities.saysEndpointMissing(e)) {
            return e;
        }
        capabilities.turnOff(capability, reason);
        return http.unavailable(capability, reason, e);
    }

    // ---- about the caller and the server ----

    @Override
    public Optional<WhoAmI> whoami() {
        Optional<WhoAmI> me = optionalEndpoint(() -> {
            RawResponse r = http.send(HttpTransport.get(url("whoami")));
            return read(r, KeydeskWire.WhoAmIWire.class, KeydeskWire.WhoAmIWire::toModel, "the calling key");
        });
        if (me.isPresent()) {
            capabilities.turnOn(Capability.WHOAMI_NAMES_KEY);
        } else {
            capabilities.turnOff(Capability.WHOAMI_NAMES_KEY, KeydeskCapabilities.WHOAMI_ABSENT);
        }
        return me;
    }

    @Override
    public Catalog catalog() {
        return optionalEndpoint(() -> read(http.send(HttpTransport.get(url("permissions"))),
                KeydeskWire.CatalogWire.class, KeydeskWire.CatalogWire::toModel, "the permission catalog")).orElseGet(Catalog::builtIn);
    }

    @Override
    public KeyPolicy policy() {
        KeyPolicy policy = optionalEndpoint(() -> read(http.send(HttpTransport.get(url("key-policy"))),
                KeydeskWire.PolicyWire.class, KeydeskWire.PolicyWire::toModel, "the key policy")).orElseGet(KeyPolicy::defaults);
        capabilities.observe(policy);
        return policy;
    }

    @Override
    public Optional<Page<AuditEvent>> auditEvents(AuditQuery query) {
        AuditQuery q = query == null ? AuditQuery.all() : query;
        HttpUrl.Builder url = url("audit-events");
        addQuery(url, "key_id", q.keyId());
        addQuery(url, "type", q.types().isEmpty() ? null : String.join(",", q.types()));
        addQuery(url, "ip", q.ip());
        addQuery(url, "since", q.since() == null ? null : q.since().toString());
        addQuery(url, "until", q.until() == null ? null : q.until().toString());
        addQuery(url, "limit", q.limit() == null ? null : q.limit().toString());
        addQuery(url, "cursor", q.cursor());
        Page<AuditEvent> p;
        try {
            p = read(http.send(HttpTransport.get(url)), EVENT_LIST,
                    l -> l.toPage(KeydeskWire.AuditEventWire::toModel), "a list of audit events");
        } catch (NotFoundException | UnexpectedStatusException e) {
            if (e.status() == 404 || e.status() == 405) {
                capabilities.turnOff(Capability.AUDIT_LOG, KeydeskCapabilities.auditAbsent(e.status()));
                return Optional.empty();
            }
            throw e;
        }
        capabilities.turnOn(Capability.AUDIT_LOG);
        // A version-1 server ignores the filters it does not know (ip, until) and sends more: what it
        // sent is kept only where it passes them, and the cursor still leads on.
        List<AuditEvent> kept = p.data().stream()
                .filter(e -> q.ip() == null || q.ip().equals(e.ip()))
                .filter(e -> q.until() == null || e.at() == null || e.at().isBefore(q.until()))
                .toList();
        return Optional.of(kept.size() == p.data().size() ? p : new Page<>(kept, p.hasMore(), p.nextCursor()));
    }

    @Override
    public RateLimitStatus rateLimit() {
        RawResponse r = http.send(HttpTransport.get(url("rate-limit")));
        RateLimitStatus status = read(r, KeydeskWire.RateLimitWire.class,
                w -> w.toModel(http.clock().instant()), "the rate-limit status");
        RateLimitStatus headers = HttpTransport.rateLimitHeaders(r, status.observedAt());
        if (headers == null) {
            // The transport saw no headers; the body is then the latest word.
            http.observeRateLimit(status);
        } else if (headers.minute() != null) {
            status = new RateLimitStatus(status.limit(), status.remaining(), status.reset(), status.observedAt(),
                    headers.minute());
        }
        return status;
    }

    // ---- plumbing ----

    HttpUrl.Builder url(String... segments) {
        String[] all = new String[segments.length + 1];
        all[0] = "v1";
        System.arraycopy(segments, 0, all, 1, segments.length);
        return http.url(all);
    }

    /** The body as {@code type}, converted by {@code convert}; any failure of either is a malformed answer. */
    <W, M> M read(RawResponse r, Class<W> type, Function<W, M> convert, String what) {
        return read(r, () -> {
            W wire = KeydeskJson.MAPPER.readValue(nonEmpty(r), type);
            return wire == null ? null : convert.apply(wire);
        }, what);
    }

    <W, M> M read(RawResponse r, TypeReference<W> type, Function<W, M> convert, String what) {
        return read(r, () -> {
            W wire = KeydeskJson.MAPPER.readValue(nonEmpty(r), type);
            return wire == null ? null : convert.apply(wire);
        }, what);
    }

    private <T> T read(RawResponse r, Parse<T> parse, String what) {
        try {
            T value = parse.parse();
            if (value == null) {
                throw http.malformed(r, "expected " + what + ", got null");
            }
            return value;
        } catch (KeyApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw http.malformed(r, "expected " + what);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse() throws IOException;
    }

    private byte[] nonEmpty(RawResponse r) {
        if (r.body() == null || r.body().length == 0) {
            throw http.malformed(r, "the body is empty");
        }
        return r.body();
    }

    /** A 404 or 405 means the server lacks this optional endpoint; anything else is an error. */
    private static <T> Optional<T> optionalEndpoint(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NotFoundException | UnexpectedStatusException e) {
            if (e.status() == 404 || e.status() == 405) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void addQuery(HttpUrl.Builder url, String name, String value) {
        if (value != null && !value.isEmpty()) {
            url.addQueryParameter(name, value);
        }
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return KeydeskJson.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a key id is required");
        }
        return id;
    }
}
