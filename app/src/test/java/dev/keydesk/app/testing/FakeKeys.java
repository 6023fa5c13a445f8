package dev.keydesk.app.testing;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.Usage;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The in-memory key service for the app's tests (the key table, the editors, the expiry panel, the
 * activity view, the incident engine): keys with a version each, sent as the ETag and checked
 * against a non-null If-Match (412 when stale); creates, updates and revokes recorded; scripted
 * failures and whoami. Its calls are synchronized: the incident engine makes them from several
 * threads at once.
 */
public final class FakeKeys implements KeyApi {

    public final Map<String, ApiKey> keys = new LinkedHashMap<>();
    /** The versions of keys that have changed; every other key is at version 1. */
    private final Map<String, Integer> versions = new LinkedHashMap<>();
    /** Like a server that sends no ETag: reads and updates carry no version tag. */
    public boolean noEtags;
    public final List<String> revoked = new ArrayList<>();
    /** What {@code listAllKeys("revoked", …)} answers (when the capability is there). */
    public final Map<String, ApiKey> revokedKeys = new LinkedHashMap<>();
    /** What capabilities() answers: everything, unless a test says otherwise. */
    public Capabilities capabilities = Capabilities.of(Dialect.KEYDESK, Map.of());
    /** Every update, as (id, params). */
    public final List<Map.Entry<String, KeyUpdateParams>> updates = new ArrayList<>();
    public int listCalls;
    public RuntimeException failList;
    /** Thrown by revokeKey for this id (else a 404 for unknown ids). */
    public final Map<String, RuntimeException> failRevoke = new LinkedHashMap<>();
    /** Thrown by updateKey for this id. */
    public final Map<String, RuntimeException> failUpdate = new LinkedHashMap<>();
    /** Thrown once, by the next getKey, createKey, updateKey or revokeKey (lists are not affected). */
    public RuntimeException nextFailure;
    /** What auditEvents answers when no {@link #auditLog} is set. */
    public Optional<Page<AuditEvent>> audit = Optional.of(new Page<>(List.of(), false, null));
    /** When set, auditEvents answers from it (filtered and paged like the server); see AuditEvents. */
    public java.util.function.Function<AuditQuery, Optional<Page<AuditEvent>>> auditLog;
    /** Every audit query asked. */
    public final List<AuditQuery> auditQueries = new ArrayList<>();

    public static ApiKey key(String id, String name, Instant expires, Instant lastUsed, String... permissions) {
        return new ApiKey(id, name, "sk_live_" + id, Arrays.stream(permissions).map(Permission::parse).toList(),
                Instant.parse("2026-01-01T00:00:00Z"), expires, lastUsed, new Usage(0, 0), "desc of " + name,
                "live", "active", "key_boot", null);
    }

    public FakeKeys add(ApiKey key) {
        keys.put(key.id(), key);
        return this;
    }

    /** Someone else's change, as between a person's read and their save: the version moves on. */
    public synchronized void changeBehindTheBack(String id, UnaryOperator<ApiKey> change) {
        keys.put(id, change.apply(keys.get(id)));
        versions.put(id, version(id) + 1);
    }

    public static Connection connection(KeyApi api, String... held) {
        Profile profile = new Profile("p1", "Prod EU", "https://keys.example", Environment.PRODUCTION,
                Profile.KeySource.SESSION_ONLY, null);
        List<Permission> perms = Arrays.stream(held).map(Permission::parse).toList();
        ApiKey me = new ApiKey("key_admin", "admin", "sk_live_adm", perms, Instant.EPOCH, null, null, null,
                null, "live", "active", null, null);
        return new Connection(profile, api, Optional.of(new WhoAmI(me, perms)), Catalog.builtIn(), KeyPolicy.defaults());
    }

    @Override
    public synchronized Page<ApiKey> listKeys(KeyListParams params) {
        return new Page<>(List.copyOf(keys.values()), false, null);
    }

    @Override
    public synchronized List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage) {
        listCalls++;
        if (failList != null) {
            throw failList;
        }
        if (dev.keydesk.client.model.KeyStatus.REVOKED.equals(status)) {
            if (!capabilities.has(dev.keydesk.client.Capability.REVOKED_LIST)) {
                throw new dev.keydesk.client.error.FeatureUnavailableException(
                        dev.keydesk.client.Capability.REVOKED_LIST,
                        capabilities.whyNot(dev.keydesk.client.Capability.REVOKED_LIST).orElseThrow(), 0, null, null, null);
            }
            onPage.accept(revokedKeys.size());
            return List.copyOf(revokedKeys.values());
        }
        onPage.accept(keys.size());
        return List.copyOf(keys.values());
    }

    @Override
    public synchronized VersionedKey getKey(String id) {
        failIfScripted();
        ApiKey key = keys.get(id);
        if (key == null) {
            throw notFound();
        }
        return versioned(key);
    }

    private VersionedKey versioned(ApiKey key) {
        return new VersionedKey(key, noEtags ? null : etag(key.id()));
    }

    private int version(String id) {
        return versions.getOrDefault(id, 1);
    }

    private String etag(String id) {
        return "\"" + version(id) + "\"";
    }

    private void failIfScripted() {
        RuntimeException failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** Every create, as sent, in order. */
    public final List<KeyCreateParams> creates = new ArrayList<>();
    /** Keys made by createKey, in order (break-glass makes its replacement this way). */
    public final List<ApiKey> created = new ArrayList<>();
    /** The next create answers as a replay of an earlier one: the key, but no secret. */
    public boolean replayNextCreate;

    @Override
    public synchronized CreatedKey createKey(KeyCreateParams params) {
        failIfScripted();
        creates.add(params);
        String id = "key_new_" + (created.size() + 1);
        ApiKey key = new ApiKey(id, params.name(), "sk_live_" + id, params.permissions(), Instant.now(),
                params.expiresAt(), null, new Usage(0, 0), params.description(), params.type(), "active", "key_admin",
                null);
        keys.put(id, key);
        created.add(key);
        if (replayNextCreate) {
            replayNextCreate = false;
            return new CreatedKey(key, Optional.empty(), true);
        }
        return new CreatedKey(key, Optional.of(Secret.of("sk_live_secret_of_" + id)), false);
    }

    @Override
    public synchronized VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch, ChangeOptions options) {
        failIfScripted();
        RuntimeException failure = failUpdate.get(id);
        if (failure != null) {
            throw failure;
        }
        ApiKey k = keys.get(id);
        if (k == null) {
            throw notFound();
        }
        if (ifMatch != null && !ifMatch.equals(etag(id))) {
            throw new PreconditionFailedException("stale", 412, "precondition_failed", "req_412", null, null);
        }
        updates.add(Map.entry(id, params));
        ApiKey next = new ApiKey(k.id(), params.name().orElse(k.name()), k.prefix(),
                params.permissions().orElse(k.permissions()), k.createdAt(),
                params.expiresAtSet() ? params.expiresAt() : k.expiresAt(), k.lastUsed(), k.usage(),
                params.description().orElse(k.description()), k.type(), params.status().orElse(k.status()),
                k.createdBy(), k.lastUsedIp(), k.revokedAt(), k.revokedBy());
        keys.put(id, next);
        versions.put(id, version(id) + 1);
        return versioned(next);
    }

    @Override
    public synchronized void revokeKey(String id, ChangeOptions options) {
        failIfScripted();
        RuntimeException failure = failRevoke.get(id);
        if (failure != null) {
            throw failure;
        }
        if (keys.remove(id) == null) {
            throw notFound();
        }
        revoked.add(id);
    }

    public static NotFoundException notFound() {
        return new NotFoundException("key not found", 404, "key_not_found", "req_404", null, null);
    }

    /** What whoami() answers: empty, like a server without the endpoint, unless a test says otherwise. */
    public Optional<WhoAmI> whoami = Optional.empty();

    @Override
    public Optional<WhoAmI> whoami() {
        return whoami;
    }

    @Override
    public Catalog catalog() {
        return Catalog.builtIn();
    }

    @Override
    public KeyPolicy policy() {
        return KeyPolicy.defaults();
    }

    @Override
    public Optional<Page<AuditEvent>> auditEvents(AuditQuery query) {
        auditQueries.add(query);
        return auditLog != null ? auditLog.apply(query) : audit;
    }

    @Override
    public RateLimitStatus rateLimit() {
        // A generous budget: the incident engine asks before it paces a run.
        return new RateLimitStatus(10_000, 10_000, Instant.now().plusSeconds(3600), Instant.now());
    }

    @Override
    public Optional<RateLimitStatus> lastRateLimit() {
        return Optional.empty();
    }

    @Override
    public void addRateLimitListener(Consumer<RateLimitStatus> listener) {
    }

    @Override
    public void removeRateLimitListener(Consumer<RateLimitStatus> listener) {
    }

    @Override
    public void addRetryListener(RetryListener listener) {
    }

    @Override
    public void removeRetryListener(RetryListener listener) {
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public KeyApi withRetryPolicy(RetryPolicy policy) {
        return this;
    }

    @Override
    public KeyUsage usage(String keyId) {
        throw new UnsupportedOperationException();
    }

    /** What identify answers, by secret; and the secret it was last given (to check it was wiped). */
    public final Map<String, ApiKey> secrets = new LinkedHashMap<>();
    public Secret lastIdentified;

    @Override
    public synchronized Optional<ApiKey> identify(Secret secret) {
        lastIdentified = secret;
        return secrets.entrySet().stream().filter(e -> secret.matches(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public void close() {
    }
}
