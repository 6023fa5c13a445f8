/**
 * The typed client of key services: KeyDesk's own key API ({@code key-api.md}) and the Narrative
 * platform's access tokens, behind one interface.
 *
 * <p>Public: {@link dev.keydesk.client.KeyApi} (the operations), {@link dev.keydesk.client.KeyApis}
 * (the one way to build a client, and to probe which {@link dev.keydesk.client.Dialect} a server
 * speaks), {@link dev.keydesk.client.Capabilities} of a client, each a
 * {@link dev.keydesk.client.Capability} present or absent with a reason,
 * {@link dev.keydesk.client.ChangeOptions} (an audit reason), {@link dev.keydesk.client.Secret},
 * {@link dev.keydesk.client.RetryPolicy}, {@link dev.keydesk.client.RetryListener} with
 * {@link dev.keydesk.client.RetryScheduled}, the models ({@code model}) and the
 * {@link dev.keydesk.client.error.KeyApiException} hierarchy ({@code error}).
 *
 * <p>Below it: {@code http} is the one HTTP transport, dialect-neutral (OkHttp, one interceptor per
 * concern, {@code Retrier}, {@code ErrorMapper}, cancellation, transport security);
 * {@code keydesk} and {@code narrative} are the dialects, each with its own wire records. Their
 * public classes exist for {@code KeyApis}; applications use {@code KeyApi}.
 *
 * <p>For the app:
 * <ul>
 *   <li>Call from a background thread; one client is safe to share between threads.</li>
 *   <li>Cancel by interrupting that thread (e.g. {@code Task.cancel(true)} or
 *       {@code Future.cancel(true)}): the call ends with
 *       {@link dev.keydesk.client.error.CancelledException} within milliseconds and the thread's
 *       interrupt flag stays set. For a write, {@code mayHaveReachedServer()} says whether the server
 *       may have applied it.</li>
 *   <li>While the client waits to repeat a request (e.g. a 429's {@code Retry-After} of up to
 *       {@code RetryPolicy.maxRetryAfter()}), a {@link dev.keydesk.client.RetryListener} hears why and
 *       until when, and then that the call is over: show the wait; cancelling the call ends it.
 *       Code that paces itself takes a view with {@code withRetryPolicy(RetryPolicy.none())}.</li>
 *   <li>{@code RateLimitedException.retryAfter()} is the server's wait when it exceeded
 *       {@code RetryPolicy.maxRetryAfter()} (the client did not wait): show a countdown.
 *       {@code limitScope()} says whether the key or the address is limited.</li>
 *   <li>A create answered as a replay has {@code replayed() == true} and no secret: offer to revoke.</li>
 *   <li>{@code NotFoundException} from {@code revokeKey} means "already gone" in bulk work; a revoke
 *       retried after a lost answer can also end so.</li>
 *   <li>Hide what {@code capabilities()} reports absent, with its reason as the tooltip; a call that
 *       meets a missing feature anyway raises {@link dev.keydesk.client.error.FeatureUnavailableException}.</li>
 * </ul>
 */
package dev.keydesk.client;
