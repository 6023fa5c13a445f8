package dev.keydesk.app.connection;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.Secret;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A scripted client for the connection and status tests: whoami answers or fails as told. */
public final class FakeKeyApi implements KeyApi {

    public final List<Consumer<RateLimitStatus>> listeners = new CopyOnWriteArrayList<>();
    public final List<RetryListener> retryListeners = new CopyOnWriteArrayList<>();
    public RuntimeException failure;
    public RateLimitStatus lastRateLimit;
    public boolean closed;
    public final WhoAmI whoami;

    public FakeKeyApi(String keyName, String... permissions) {
        ApiKey key = new ApiKey("key_" + keyName, keyName, "sk_live_ab12", List.of(), Instant.EPOCH, null, null, null,
                null, "live", "active", null, null);
        this.whoami = new WhoAmI(key, java.util.Arrays.stream(permissions).map(Permission::parse).toList());
    }

    private FakeKeyApi(WhoAmI whoami) {
        this.whoami = whoami;
    }

    /** A client whose whoami answers as Narrative's does: a user and a company, no key. */
    public static FakeKeyApi person(String user, String company) {
        return new FakeKeyApi(new WhoAmI(null, List.of(), user, company));
    }

    public static FakeKeyApi failing(RuntimeException failure) {
        FakeKeyApi api = new FakeKeyApi("x");
        api.failure = failure;
        return api;
    }

    /** Tells the listeners, as the real client does after a response with rate-limit headers. */
    public void announce(RateLimitStatus status) {
        lastRateLimit = status;
        listeners.forEach(l -> l.accept(status));
    }

    /** Tells the retry listeners, as the real client does before it waits to repeat a request. */
    public void announceRetry(RetryScheduled retry) {
        retryListeners.forEach(l -> l.retryScheduled(retry));
    }

    /** Tells the retry listeners, as the real client does when a call that waited is over. */
    public void announceRetriesEnded(RetryScheduled last) {
        retryListeners.forEach(l -> l.retriesEnded(last));
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override public Optional<WhoAmI> whoami() { check(); return Optional.of(whoami); }
    @Override public Catalog catalog() { check(); return Catalog.builtIn(); }
    @Override public KeyPolicy policy() { check(); return KeyPolicy.defaults(); }
    @Override public Optional<RateLimitStatus> lastRateLimit() { return Optional.ofNullable(lastRateLimit); }
    @Override public void addRateLimitListener(Consumer<RateLimitStatus> listener) { listeners.add(listener); }
    @Override public void removeRateLimitListener(Consumer<RateLimitStatus> listener) { listeners.remove(listener); }
    @Override public void addRetryListener(RetryListener listener) { retryListeners.add(listener); }
    @Override public void removeRetryListener(RetryListener listener) { retryListeners.remove(listener); }
    @Override public void close() { closed = true; }

    @Override public Page<ApiKey> listKeys(KeyListParams params) { throw new UnsupportedOperationException(); }
    @Override public List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage) { throw new UnsupportedOperationException(); }
    @Override public VersionedKey getKey(String id) { throw new UnsupportedOperationException(); }
    @Override public CreatedKey createKey(KeyCreateParams params) { throw new UnsupportedOperationException(); }
    @Override public VersionedKey updateKey(String id, KeyUpdateParams p, String ifMatch, ChangeOptions o) { throw new UnsupportedOperationException(); }
    @Override public void revokeKey(String id, ChangeOptions o) { throw new UnsupportedOperationException(); }
    @Override public Optional<Page<AuditEvent>> auditEvents(AuditQuery query) { throw new UnsupportedOperationException(); }
    @Override public Capabilities capabilities() { return Capabilities.of(Dialect.KEYDESK, java.util.Map.of()); }
    @Override public KeyApi withRetryPolicy(RetryPolicy policy) { return this; }
    @Override public KeyUsage usage(String keyId) { throw new UnsupportedOperationException(); }
    @Override public Optional<ApiKey> identify(Secret secret) { throw new UnsupportedOperationException(); }
    @Override public RateLimitStatus rateLimit() { check(); return lastRateLimit; }
}
