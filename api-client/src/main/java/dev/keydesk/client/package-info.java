/**
 * The typed client of the key API ({@code key-api.md}).
 *
 * <p>Public: {@link dev.keydesk.client.KeyApi} (the operations), {@link dev.keydesk.client.HttpKeyApi}
 * (KeyDesk's HTTP dialect), {@link dev.keydesk.client.Secret}, {@link dev.keydesk.client.RetryPolicy},
 * {@link dev.keydesk.client.RetryListener} with {@link dev.keydesk.client.RetryScheduled},
 * the models and the {@link dev.keydesk.client.error.KeyApiException} hierarchy. Everything else in
 * this package is package-private, one idea per class: {@code ErrorMapper} chooses every exception,
 * {@code Retrier} repeats requests by its documented rules, {@code InterruptibleExchange} runs one
 * attempt so that an interrupt cancels it, and one OkHttp interceptor per concern adds the key, names
 * the client, observes rate limits and logs (with {@code Authorization} redacted).
 *
 * <p>For the app:
 * <ul>
 *   <li>Call from a background thread; one {@code HttpKeyApi} is safe to share between threads.</li>
 *   <li>Cancel by interrupting that thread (e.g. {@code Task.cancel(true)} or
 *       {@code Future.cancel(true)}): the call ends with
 *       {@link dev.keydesk.client.error.CancelledException} within milliseconds and the thread's
 *       interrupt flag stays set. For a write, whether the server applied it is then unknown.</li>
 *   <li>While the client waits to repeat a request (e.g. a 429's {@code Retry-After} of up to
 *       {@code RetryPolicy.maxRetryAfter()}), a {@link dev.keydesk.client.RetryListener} hears why and
 *       until when, and then that the call is over: show the wait; cancelling the call ends it.</li>
 *   <li>{@code RateLimitedException.retryAfter()} is the server's wait when it exceeded
 *       {@code RetryPolicy.maxRetryAfter()} (the client did not wait): show a countdown.</li>
 *   <li>A create answered as a replay has {@code replayed() == true} and no secret: offer to revoke.</li>
 *   <li>{@code NotFoundException} from {@code revokeKey} means "already gone" in bulk work; a revoke
 *       retried after a lost answer can also end so.</li>
 * </ul>
 */
package dev.keydesk.client;
