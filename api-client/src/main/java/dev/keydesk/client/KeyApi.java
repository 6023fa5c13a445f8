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
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations of a key service, independent of any one server's paths and shapes.
 *
 * <p>{@link HttpKeyApi} speaks KeyDesk's own dialect ({@code key-api.md}); another vendor's dialect
 * can implement this interface later without the app noticing.
 *
 * <p>Every method blocks the calling thread, so call it off the UI thread. Every failure is a
 * {@link dev.keydesk.client.error.KeyApiException}. Interrupting the calling thread cancels the
 * request in flight (and any retry wait) and raises
 * {@link dev.keydesk.client.error.CancelledException}; a {@link RetryListener} hears of each wait.
 */
public interface KeyApi extends AutoCloseable {

    /** One page of keys (active, disabled and expired; never revoked ones). */
    Page<ApiKey> listKeys(KeyListParams params);

    /**
     * Every key, following cursors page by page. {@code onPage} is told after each page how many
     * keys have arrived so far (for progress); it may be a no-op.
     */
    List<ApiKey> listAllKeys(Consumer<Integer> onPage);

    /** One key with the version tag to send back on update. */
    VersionedKey getKey(String id);

    /**
     * Creates a key. The client fixes one {@code Idempotency-Key} before its retry loop, so a
     * retried create never makes two keys; when the server answers with a replay, the result has
     * no secret and {@link CreatedKey#replayed()} is true: the caller should offer to revoke it.
     */
    CreatedKey createKey(KeyCreateParams params);

    /**
     * Changes the fields set in {@code params}. With a non-null {@code ifMatch} (from
     * {@link VersionedKey#etag()}) a concurrent change makes this fail with
     * {@link dev.keydesk.client.error.PreconditionFailedException} and change nothing.
     */
    VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch);

    /**
     * Revokes a key at once. Revoking an unknown or already revoked key raises
     * {@link dev.keydesk.client.error.NotFoundException}; bulk work treats that as "already gone".
     */
    void revokeKey(String id);

    /** The calling key and its permissions; empty when the server has no whoami endpoint. */
    Optional<WhoAmI> whoami();

    /** The server's permission catalog, or {@link Catalog#builtIn()} when it has none. */
    Catalog catalog();

    /** The server's key policy, or {@link KeyPolicy#defaults()} when it has none. */
    KeyPolicy policy();

    /** One page of audit events, newest first; empty when the server has no audit endpoint. */
    Optional<Page<AuditEvent>> auditEvents(AuditQuery query);

    /** Asks the server for the calling key's rate-limit budget. */
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
