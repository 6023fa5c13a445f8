package dev.keydesk.app.editor;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
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
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** An in-memory key service with etags, for view-model tests; failures can be scripted. */
public final class FakeKeyApi implements KeyApi {

    final Map<String, ApiKey> keys = new LinkedHashMap<>();
    final Map<String, Integer> versions = new LinkedHashMap<>();
    final List<KeyCreateParams> creates = new ArrayList<>();
    final List<KeyUpdateParams> updates = new ArrayList<>();
    final List<String> revoked = new ArrayList<>();
    RuntimeException nextFailure;
    /** What whoami answers; empty like a server without the endpoint. */
    public Optional<WhoAmI> whoamiAnswer = Optional.empty();
    boolean replayNextCreate;
    /** Like a server that sends no ETag: reads carry no version tag. */
    boolean noEtags;
    private int counter;

    public ApiKey add(String name, List<Permission> permissions, Instant expiresAt) {
        String id = "key_" + (++counter);
        ApiKey key = new ApiKey(id, name, "sk_test_ab" + counter, permissions, Instant.parse("2026-01-01T00:00:00Z"),
                expiresAt, null, null, "", "test", "active", null, null);
        keys.put(id, key);
        versions.put(id, 1);
        return key;
    }

    /** Someone else's change: bumps the version. */
    public void changeBehindTheBack(String id, java.util.function.UnaryOperator<ApiKey> change) {
        keys.put(id, change.apply(keys.get(id)));
        versions.merge(id, 1, Integer::sum);
    }

    private void failIfScripted() {
        RuntimeException f = nextFailure;
        nextFailure = null;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public VersionedKey getKey(String id) {
        failIfScripted();
        return new VersionedKey(keys.get(id), noEtags ? null : "\"v" + versions.get(id) + "\"");
    }

    @Override
    public CreatedKey createKey(KeyCreateParams params) {
        failIfScripted();
        creates.add(params);
        ApiKey key = add(params.name(), params.permissions(), params.expiresAt());
        if (replayNextCreate) {
            replayNextCreate = false;
            return new CreatedKey(key, Optional.empty(), true);
        }
        return new CreatedKey(key, Optional.of(Secret.of("sk_test_secretvalue" + counter)), false);
    }

    @Override
    public VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch, ChangeOptions options) {
        failIfScripted();
        if (ifMatch != null && !ifMatch.equals("\"v" + versions.get(id) + "\"")) {
            throw new PreconditionFailedException("stale", 412, "precondition_failed", "req_1", null, null);
        }
        updates.add(params);
        ApiKey k = keys.get(id);
        ApiKey changed = new ApiKey(k.id(), params.name().orElse(k.name()), k.prefix(),
                params.permissions().orElse(k.permissions()), k.createdAt(),
                params.expiresAtSet() ? params.expiresAt() : k.expiresAt(), k.lastUsed(), k.usage(),
                params.description().orElse(k.description()), k.type(), params.status().orElse(k.status()),
                k.createdBy(), k.lastUsedIp());
        keys.put(id, changed);
        versions.merge(id, 1, Integer::sum);
        return getKey(id);
    }

    @Override
    public void revokeKey(String id, ChangeOptions options) {
        failIfScripted();
        revoked.add(id);
        keys.remove(id);
    }

    @Override
    public Page<ApiKey> listKeys(KeyListParams params) {
        return new Page<>(List.copyOf(keys.values()), false, null);
    }

    @Override
    public List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage) {
        return List.copyOf(keys.values());
    }

    @Override
    public Optional<WhoAmI> whoami() {
        return whoamiAnswer;
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
        return Optional.empty();
    }

    @Override
    public RateLimitStatus rateLimit() {
        return null;
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
        return Capabilities.of(Dialect.KEYDESK, java.util.Map.of());
    }

    @Override
    public KeyApi withRetryPolicy(RetryPolicy policy) {
        return this;
    }

    @Override
    public KeyUsage usage(String keyId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ApiKey> identify(Secret secret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
