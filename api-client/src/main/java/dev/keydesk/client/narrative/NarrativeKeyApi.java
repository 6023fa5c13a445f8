package dev.keydesk.client.narrative;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnexpectedStatusException;
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
import dev.keydesk.client.model.KeyField;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyType;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@link KeyApi} in the Narrative platform's dialect (its public OpenAPI, access tokens and
 * {@code /whoami}), over the shared {@link HttpTransport}. Build it with
 * {@code KeyApis.builder().dialect(Dialect.NARRATIVE)}.
 *
 * <p>What differs from KeyDesk's dialect, each reported by {@link #capabilities()}:
 * <ul>
 *   <li>{@code GET /access-tokens/tokens} answers every token at once ({@code {"records":[...]}}):
 *       no paging, no filter (status filters are applied here; revoked tokens are gone).</li>
 *   <li>A token is id, name, permissions ({@code {"access","resource"}} objects) and expiry, nothing
 *       else: every other {@link ApiKey} field is null. Every token expires.</li>
 *   <li>Create answers 200 with the bare token and its secret as {@code access_token} (base64, no
 *       prefix), read into a {@link Secret} without a {@code String}. Nothing deduplicates a create,
 *       so it is never repeated by the client.</li>
 *   <li>Update is a {@code PUT} of name, permissions and/or expiry, answered with the bare token; no
 *       version tag, so no {@code If-Match}. Description and status cannot be set
 *       ({@link dev.keydesk.client.error.FeatureUnavailableException}); an update with nothing
 *       Narrative can store is refused before sending.</li>
 *   <li>Revoke is a {@code DELETE} answered 200 without a body; 404s carry no body.</li>
 *   <li>Errors are {@code {"error","error_description"}}; a 401 or 403 does not tell an invalid token
 *       from a missing permission: such an exception says so ({@code isAmbiguous()}).</li>
 *   <li>{@code /whoami} names a user and a company, not the token: {@link WhoAmI#callingKey()} is empty.</li>
 *   <li>No usage, identify, audit log, audit reason (a reason passed in is not sent; the change goes
 *       ahead) or rate-limit endpoint.</li>
 * </ul>
 */
public final class NarrativeKeyApi extends TransportKeyApi {

    /** The create response's secret field. */
    static final String SECRET_FIELD = "access_token";

    private static final Capabilities CAPABILITIES = Capabilities.of(Dialect.NARRATIVE, absent());


    private NarrativeKeyApi(HttpTransport http) {
        super(http);
    }

    /** Builds the transport with Narrative's error reading, and this dialect over it. */
    public static KeyApi open(HttpTransport.Builder settings) {
        return new NarrativeKeyApi(settings.errorDialect(NarrativeErrors.INSTANCE).build());
    }

    private static Map<Capability, String> absent() {
        Map<Capability, String> a = new EnumMap<>(Capability.class);
        String fourFields = "Narrative tokens carry only an id, a name, permissions and an expiry.";
        a.put(Capability.PAGING, "Narrative lists every token in one answer, without pages.");
        a.put(Capability.ETAG, "Narrative sends no version tag, so an edit cannot detect someone else's change "
                + "made meanwhile; re-read the token before saving.");
        a.put(Capability.FREEZE, "Narrative tokens cannot be disabled and enabled again; only revoked.");
        a.put(Capability.AUDIT_LOG, "Narrative's API has no audit log of token changes.");
        a.put(Capability.USAGE, "Narrative's API does not report what a token was used for.");
        a.put(Capability.IDENTIFY, "Narrative's API cannot tell which token a leaked secret belongs to.");
        a.put(Capability.REVOKED_LIST, "Narrative deletes a revoked token; it cannot be listed afterwards.");
        a.put(Capability.AUDIT_REASON, "Narrative's API keeps no reason with a change (the change still goes ahead).");
        a.put(Capability.KEY_TYPES, "Narrative tokens have no types (live or test).");
        a.put(Capability.PREFIXES, "Narrative shows no prefix of a token's secret. " + fourFields);
        a.put(Capability.DESCRIPTIONS, "Narrative tokens have no description. " + fourFields);
        a.put(Capability.CREATED_AT, "Narrative does not say when a token was created. " + fourFields);
        a.put(Capability.LAST_USED, "Narrative does not say when a token was last used. " + fourFields);
        a.put(Capability.USAGE_COUNTS, "Narrative does not count a token's requests. " + fourFields);
        a.put(Capability.WHOAMI_NAMES_KEY, "Narrative's whoami names the user and the company, not the token, so "
                + "the client cannot tell which token is its own.");
        a.put(Capability.IDEMPOTENT_CREATE, "Narrative does not deduplicate creates: one whose answer is lost is "
                + "not repeated; check the list of tokens before creating it again.");
        a.put(Capability.NEVER_EXPIRES, "Every Narrative token has an expiry.");
        a.put(Capability.RATE_LIMIT_STATUS, "Narrative's API has no rate-limit endpoint.");
        return a;
    }

    // ---- what it can do ----

    /** Fixed by the dialect: asks the server nothing. */
    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public NarrativeKeyApi withRetryPolicy(RetryPolicy policy) {
        return new NarrativeKeyApi(http.withRetryPolicy(policy));
    }

    // ---- tokens ----

    /**
     * Every token as one page (Narrative has no paging; {@code limit} is not sent). A status filter is
     * applied here, by expiry: {@code active} and {@code expired} pick tokens out, {@code disabled} finds
     * none (Narrative has no such state).
     *
     * @throws dev.keydesk.client.error.FeatureUnavailableException for {@code revoked}
     * @throws IllegalArgumentException with a cursor, which this dialect never hands out
     */
    @Override
    public Page<ApiKey> listKeys(KeyListParams params) {
        KeyListParams p = params == null ? new KeyListParams(null, null, null) : params;
        if (p.cursor() != null) {
            throw new IllegalArgumentException("Narrative lists every token at once; there is no next page");
        }
        Predicate<ApiKey> wanted = statusFilter(p.status());
        RawResponse r = http.send(HttpTransport.get(tokens()));
        List<ApiKey> all = read(r, body -> NarrativeJson.MAPPER.readValue(body, NarrativeWire.RecordsWire.class)
                .toModel(), "a list of tokens");
        return new Page<>(all.stream().filter(wanted).toList(), false, null);
    }

    private Predicate<ApiKey> statusFilter(String status) {
        if (status == null) {
            return k -> true;
        }
        Instant now = http.clock().instant();
        return switch (status) {
            case KeyStatus.REVOKED -> throw http.unavailable(Capability.REVOKED_LIST,
                    CAPABILITIES.whyNot(Capability.REVOKED_LIST).orElseThrow(), null);
            case KeyStatus.ACTIVE -> k -> k.expiresAt() != null && k.expiresAt().isAfter(now);
            case KeyStatus.EXPIRED -> k -> k.expiresAt() != null && !k.expiresAt().isAfter(now);
            default -> k -> false;
        };
    }

    /** One request: Narrative answers every token at once. */
    @Override
    public List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage) {
        List<ApiKey> all = listKeys(new KeyListParams(null, null, status)).data();
        if (onPage != null) {
            onPage.accept(all.size());
        }
        return all;
    }

    /** The token, with no version tag (Narrative sends none). A 404 means unknown, or not visible to this token. */
    @Override
    public VersionedKey getKey(String id) {
        RawResponse r = http.send(HttpTransport.get(tokens(requireId(id))));
        return new VersionedKey(readToken(r, "a token"), null);
    }

    /**
     * Creates a token. Refused before sending where Narrative cannot store what is asked: a
     * description, a type other than live, no expiry, a permission that is not {@code resource:access}.
     */
    @Override
    public CreatedKey createKey(KeyCreateParams params) {
        Objects.requireNonNull(params, "params");
        if (params.description() != null && !params.description().isBlank()) {
            throw unavailable(Capability.DESCRIPTIONS);
        }
        if (params.type() != null && !params.type().isBlank() && !KeyType.LIVE.equals(params.type())) {
            // Every Narrative token acts for real, as a live key does; a test key cannot be had.
            throw unavailable(Capability.KEY_TYPES);
        }
        if (params.expiresAt() == null) {
            throw unavailable(Capability.NEVER_EXPIRES);
        }
        ObjectNode body = NarrativeJson.MAPPER.createObjectNode();
        body.put("name", params.name());
        body.set("permissions", NarrativeWire.PermissionWire.toJson(expressible(params.permissions())));
        body.put("expires_at", NarrativeTime.format(params.expiresAt()));
        // No Idempotency-Key: Narrative would not honour it, so the transport never repeats this POST.
        RawResponse r = http.send(HttpTransport.request(tokens()).post(HttpTransport.json(bytes(body))).build());
        try {
            SecretJson.Parsed parsed;
            try {
                parsed = SecretJson.read(r.body() == null ? new byte[0] : r.body(), SECRET_FIELD);
            } catch (IOException | RuntimeException e) {
                throw http.malformed(r, "expected the new token");
            }
            ApiKey key;
            try {
                key = NarrativeJson.MAPPER.treeToValue(parsed.rest(), NarrativeWire.TokenWire.class).toModel();
            } catch (IOException | RuntimeException e) {
                if (parsed.secret() != null) {
                    parsed.secret().wipe();
                }
                throw http.malformed(r, "expected the new token");
            }
            // Without an access_token the token exists but its secret cannot be shown: the caller
            // offers to revoke it, as after a replay. Narrative has no replays, hence false.
            return new CreatedKey(key, Optional.ofNullable(parsed.secret()), false);
        } finally {
            r.wipe();
        }
    }

    /**
     * Changes name, permissions and/or expiry with one {@code PUT}. {@code ifMatch} cannot be honoured
     * (Narrative has no version tags) and is not sent; nor is an audit reason.
     *
     * @throws dev.keydesk.client.error.FeatureUnavailableException a status, a description, or
     *     "never expires" is asked for; nothing is sent
     * @throws dev.keydesk.client.error.ValidationException (status 0) nothing Narrative can store
     *     is asked for; nothing is sent
     */
    @Override
    public VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch, ChangeOptions options) {
        Objects.requireNonNull(params, "params");
        String tokenId = requireId(id);
        if (params.status().isPresent()) {
            throw unavailable(Capability.FREEZE);
        }
        if (params.description().filter(d -> !d.isBlank()).isPresent()) {
            throw unavailable(Capability.DESCRIPTIONS);
        }
        if (params.expiresAtSet() && params.expiresAt() == null) {
            throw unavailable(Capability.NEVER_EXPIRES);
        }
        ObjectNode body = NarrativeJson.MAPPER.createObjectNode();
        params.name().ifPresent(v -> body.put("name", v));
        params.permissions().ifPresent(list -> body.set("permissions",
                NarrativeWire.PermissionWire.toJson(expressible(list))));
        if (params.expiresAtSet()) {
            body.put("expires_at", NarrativeTime.format(params.expiresAt()));
        }
        if (body.isEmpty()) {
            throw http.refused(KeyField.OTHER, "empty_update", "Nothing to change that Narrative can store: only a "
                    + "token's name, permissions and expiry can change.");
        }
        RawResponse r = http.send(HttpTransport.request(tokens(tokenId)).put(HttpTransport.json(bytes(body))).build());
        return new VersionedKey(readToken(r, "the updated token"), null);
    }

    /** Deletes the token (200 without a body); an audit reason is not sent. */
    @Override
    public void revokeKey(String id, ChangeOptions options) {
        http.send(HttpTransport.request(tokens(requireId(id))).delete().build());
    }

    @Override
    public KeyUsage usage(String keyId) {
        throw unavailable(Capability.USAGE);
    }

    @Override
    public Optional<ApiKey> identify(Secret secret) {
        throw unavailable(Capability.IDENTIFY);
    }

    // ---- about the caller and the server ----

    /**
     * The user and company behind the token, and its permissions flattened ({@code datasets:read},
     * …; empty when Narrative lists none, i.e. unknown). Never the token itself.
     */
    @Override
    public Optional<WhoAmI> whoami() {
        try {
            RawResponse r = http.send(HttpTransport.get(http.url("whoami")));
            return Optional.of(read(r, body -> NarrativeJson.MAPPER.readValue(body, NarrativeWire.WhoamiWire.class)
                    .toModel(), "who the caller is"));
        } catch (NotFoundException | UnexpectedStatusException e) {
            if (e.status() == 404 || e.status() == 405) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@link NarrativeCatalog#builtIn()}: Narrative has no catalog endpoint. */
    @Override
    public Catalog catalog() {
        return NarrativeCatalog.builtIn();
    }

    /** {@link NarrativeCatalog#policy()}: Narrative has no policy endpoint. */
    @Override
    public KeyPolicy policy() {
        return NarrativeCatalog.policy();
    }

    /** Always empty: Narrative has no audit log. */
    @Override
    public Optional<Page<AuditEvent>> auditEvents(AuditQuery query) {
        return Optional.empty();
    }

    @Override
    public RateLimitStatus rateLimit() {
        throw unavailable(Capability.RATE_LIMIT_STATUS);
    }

    // ---- recognising the dialect ----

    /**
     * How a server answers Narrative's {@code GET /whoami} and {@code GET /access-tokens/tokens}, one
     * attempt each: whether it speaks this dialect, and whether it took the token. For
     * {@link dev.keydesk.client.KeyApis#probeDialect}.
     */
    public static DialectProbe recognise(HttpTransport transport) {
        RawResponse me = transport.sendOnce(HttpTransport.get(transport.url("whoami")));
        JsonNode meBody = tree(me);
        if (me.isSuccessful()) {
            if (meBody == null || !meBody.isObject() || meBody.get("key") != null && meBody.get("key").isObject()) {
                return DialectProbe.notFound("GET /whoami answered HTTP " + me.code() + " but not with Narrative's user");
            }
            RawResponse list = transport.sendOnce(HttpTransport.get(transport.url("access-tokens", "tokens")));
            JsonNode listBody = tree(list);
            if (list.isSuccessful() && listBody != null && listBody.path("records").isArray()) {
                WhoAmI who = NarrativeJson.MAPPER.convertValue(meBody, NarrativeWire.WhoamiWire.class).toModel();
                return DialectProbe.found(Dialect.NARRATIVE, true, "Narrative access tokens; signed in as " + who.principalDescription() + ".");
            }
            if ((list.code() == 401 || list.code() == 403) && isNarrativeError(listBody)) {
                return DialectProbe.found(Dialect.NARRATIVE, true, "Narrative; the token is valid but may not list tokens (HTTP "
                        + list.code() + ").");
            }
            return DialectProbe.notFound("GET /whoami answered, but GET /access-tokens/tokens answered HTTP " + list.code());
        }
        if ((me.code() == 401 || me.code() == 403) && isNarrativeError(meBody)) {
            RawResponse list = transport.sendOnce(HttpTransport.get(transport.url("access-tokens", "tokens")));
            if ((list.code() == 401 || list.code() == 403) && isNarrativeError(tree(list))) {
                return DialectProbe.found(Dialect.NARRATIVE, false, "Narrative, but it refused this token (HTTP " + me.code() + ").");
            }
        }
        return DialectProbe.notFound("GET /whoami answered HTTP " + me.code());
    }

    private static boolean isNarrativeError(JsonNode body) {
        return body != null && body.isObject() && body.path("error").isTextual() && body.has("error_description");
    }

    private static JsonNode tree(RawResponse r) {
        if (r.body() == null || r.body().length == 0) {
            return null;
        }
        try {
            return NarrativeJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }

    // ---- plumbing ----

    private HttpUrl.Builder tokens(String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "access-tokens";
        all[1] = "tokens";
        System.arraycopy(more, 0, all, 2, more.length);
        return http.url(all);
    }

    private KeyApiException unavailable(Capability capability) {
        return http.unavailable(capability, CAPABILITIES.whyNot(capability).orElseThrow(), null);
    }

    /** Narrative's permissions are resource/access pairs: anything else cannot be sent. */
    private List<Permission> expressible(List<Permission> permissions) {
        for (Permission p : permissions) {
            if (!p.isWellFormed()) {
                throw http.refused(KeyField.PERMISSIONS, "invalid_permissions", "“" + p.value() + "” is not a "
                        + "resource:access permission, which is all Narrative can grant.");
            }
        }
        return permissions;
    }

    /** A bare token (create, update) or one wrapped in {@code {"record": ...}} (get). */
    private ApiKey readToken(RawResponse r, String what) {
        return read(r, body -> {
            JsonNode tree = NarrativeJson.MAPPER.readTree(body);
            JsonNode token = tree != null && tree.path("record").isObject() ? tree.get("record") : tree;
            if (token == null || !token.isObject()) {
                return null;
            }
            return NarrativeJson.MAPPER.treeToValue(token, NarrativeWire.TokenWire.class).toModel();
        }, what);
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse(byte[] body) throws IOException;
    }

    private <T> T read(RawResponse r, Parse<T> parse, String what) {
        if (r.body() == null || r.body().length == 0) {
            throw http.malformed(r, "the body is empty");
        }
        try {
            T value = parse.parse(r.body());
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

    private static byte[] bytes(ObjectNode body) {
        try {
            return NarrativeJson.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a token id is required");
        }
        return id;
    }
}
