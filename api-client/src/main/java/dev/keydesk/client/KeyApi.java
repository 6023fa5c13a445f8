package dev.keydesk.client;

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
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations of a key service, independent of any one server's paths and shapes. Build one with
 * {@link KeyApis#builder()} for a {@link Dialect}; what it can do on its server is
 * {@link #capabilities()}.
 *
 * <p>Every method blocks the calling thread, so call it off the UI thread. Every failure is a
 * {@link dev.keydesk.client.error.KeyApiException}. Interrupting the calling thread cancels the
 * request in flight (and any retry wait) and raises
 * {@link dev.keydesk.client.error.CancelledException}; a {@link RetryListener} hears of each wait.
 * What a dialect cannot do raises {@link dev.keydesk.client.error.FeatureUnavailableException} with
 * the reason, before anything is sent where the client knows beforehand.
 */
public interface KeyApi extends AutoCloseable {

    /**
     * What this client can do on its server, each absent capability with a reason. Fixed by the
     * dialect where the dialect decides; otherwise probed once, cheaply, and cached (so the first
     * call may send a few requests: call it off the UI thread too). A call that meets a missing
     * optional endpoint turns its capability off.
     */
    Capabilities capabilities();

    /**
     * A view of this client with another retry policy: the same connections, key, listeners,
     * rate-limit state and capabilities. With {@link RetryPolicy#none()} every 429, 5xx and
     * connection failure reaches the caller at once as its exception (a 429 with its
     * {@code Retry-After}), so that a caller that paces itself (e.g. an incident run) does all the
     * waiting. Closing a view does nothing; closing this client closes every view.
     */
    KeyApi withRetryPolicy(RetryPolicy policy);

    /** One page of keys: by default active, disabled and expired ones; see {@link KeyListParams#status()}. */
    Page<ApiKey> listKeys(KeyListParams params);

    /**
     * Every key with {@code status} (null: active, disabled and expired ones), following cursors
     * page by page. {@code onPage} is told after each page how many keys have arrived so far (for
     * progress); it may be null.
     *
     * @throws dev.keydesk.client.error.FeatureUnavailableException for {@code revoked} where the
     *     server cannot list revoked keys
     */
    List<ApiKey> listAllKeys(String status, Consumer<Integer> onPage);

    /** Every active, disabled and expired key; see {@link #listAllKeys(String, Consumer)}. */
    default List<ApiKey> listAllKeys(Consumer<Integer> onPage) {
        return listAllKeys(null, onPage);
    }

    /** One key with the version tag to send back on update (null where the server sends none). */
    VersionedKey getKey(String id);

    /**
     * Creates a key. Where the dialect allows it ({@link Capability#IDEMPOTENT_CREATE}), the client
     * fixes one {@code Idempotency-Key} before its retry loop, so a retried create never makes two
     * keys; when the server answers with a replay, the result has no secret and
     * {@link CreatedKey#replayed()} is true: the caller should offer to revoke it. Elsewhere a
     * create is never repeated by the client.
     */
    CreatedKey createKey(KeyCreateParams params);

    /**
     * Changes the fields set in {@code params}. With a non-null {@code ifMatch} (from
     * {@link VersionedKey#etag()}) a concurrent change makes this fail with
     * {@link dev.keydesk.client.error.PreconditionFailedException} and change nothing. Disabling and
     * enabling are updates of {@code status}.
     *
     * @param options e.g. {@code ChangeOptions.reason("INC-42: leaked")}
     */
    VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch, ChangeOptions options);

    default VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch) {
        return updateKey(id, params, ifMatch, ChangeOptions.none());
    }

    /**
     * Revokes a key at once. Revoking an unknown or already revoked key raises
     * {@link dev.keydesk.client.error.NotFoundException}; bulk work treats that as "already gone".
     *
     * @param options e.g. {@code ChangeOptions.reason("INC-42: leaked")}
     */
    void revokeKey(String id, ChangeOptions options);

    default void revokeKey(String id) {
        revokeKey(id, ChangeOptions.none());
    }

    /**
     * What the key did: requests per permission, per day and per client address.
     *
     * @throws dev.keydesk.client.error.NotFoundException no such key
     * @throws dev.keydesk.client.error.FeatureUnavailableException the server has no usage endpoint
     */
    KeyUsage usage(String keyId);

    /**
     * The key that {@code secret} belongs to (active, disabled, expired or revoked), or empty when
     * none has it. The secret travels in the request body only (never a URL or header), the body
     * bytes the client builds for it are wiped once the call is over (copies inside the HTTP
     * library's I/O buffers are beyond its reach), and it never appears in a log or an exception
     * message. The caller still owns {@code secret}.
     *
     * @throws dev.keydesk.client.error.FeatureUnavailableException the server cannot identify secrets
     */
    Optional<ApiKey> identify(Secret secret);

    /** Who is calling and what it may do; empty when the server has no whoami endpoint. */
    Optional<WhoAmI> whoami();

    /** The server's permission catalog, or the dialect's built-in one when it has none. */
    Catalog catalog();

    /** The server's key policy, or the dialect's defaults when it has none. */
    KeyPolicy policy();

    /** One page of audit events, newest first; empty when the server has no audit log. */
    Optional<Page<AuditEvent>> auditEvents(AuditQuery query);

    /**
     * Asks the server for the calling key's rate-limit budget.
     *
     * @throws dev.keydesk.client.error.FeatureUnavailableException the dialect has no such endpoint
     */
    RateLimitStatus rateLimit();

    /** The rate-limit state seen on the last response that carried it, if any. */
    Optional<RateLimitStatus> lastRateLimit();

    /** Told on the client's thread each time a response carries rate-limit headers. */
    void addRateLimitListener(Consumer<RateLimitStatus> listener);

    void removeRateLimitListener(Consumer<RateLimitStatus> listener);

    /**
     * Told before the client waits to repeat a failed request (a 429, a 5xx, a connection failure)
     * and when that request is over, so that a UI can show the wait while it lasts. See
     * {@link RetryListener}.
     */
    void addRetryListener(RetryListener listener);

    void removeRetryListener(RetryListener listener);

    /** Releases connections and threads. */
    @Override
    void close();
}
