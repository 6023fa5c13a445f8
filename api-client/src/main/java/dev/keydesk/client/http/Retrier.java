package dev.keydesk.client.http;

import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The one place where requests are repeated. The rules:
 * <ul>
 *   <li><b>What is retried:</b> a connection failure (refused, reset, timed out, a 2xx body that broke
 *       off), 429, and 5xx other than 501 and 505.</li>
 *   <li><b>Which requests:</b> only those safe to repeat: GET and DELETE; PATCH and PUT, because they
 *       set absolute values (repeating one changes nothing more); POST only when it carries an
 *       {@code Idempotency-Key}, fixed by the caller before this loop so that every attempt reuses it,
 *       or when the dialect marked it as a read ({@link HttpTransport#safeToRepeat}).</li>
 *   <li>With {@link RetryPolicy#none()} (one attempt) nothing is repeated or waited for: the first
 *       429, 5xx or connection failure is the caller's, as its exception.</li>
 *   <li><b>Whether the server may have acted:</b> tracked over every attempt (sent without an answer,
 *       or answered with a 5xx) and handed to the caller as {@code mayHaveReachedServer()} of a
 *       transport failure or a cancellation, so that it can check before repeating a write.</li>
 *   <li><b>How long to wait:</b> the server's {@code Retry-After} exactly, when it sent one; else
 *       {@code baseDelay * 2^(attempt-1)}, capped at {@code maxDelay}, with jitter (a uniform draw in
 *       its upper half). A {@code Retry-After} beyond {@code maxRetryAfter} ends the loop at once, so
 *       that the caller (e.g. a UI counting down) decides.</li>
 *   <li>At most {@code maxAttempts} attempts; the last failure is raised as mapped by {@link ErrorMapper}.</li>
 *   <li>A retried PATCH that carries {@code If-Match} can meet 412 because its own earlier attempt
 *       went through; the 412's message then says so, and the caller reloads either way.</li>
 *   <li>A retried DELETE can meet 404 for the same reason; callers treat 404 on revoke as "already gone".</li>
 *   <li>A retried create whose first answer was lost comes back as a replay without secret.</li>
 *   <li>Interrupting the calling thread cancels the attempt in flight or the wait, raises
 *       {@link dev.keydesk.client.error.CancelledException}, and leaves the thread's interrupt flag set.</li>
 *   <li>Each wait is announced to the {@link RetryListener}s before it begins; a call that announced
 *       one tells them when it is over, however it ends, so that a UI can show the wait and then clear it.</li>
 * </ul>
 */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final InterruptibleExchange exchange;
    private final RetryPolicy policy;
    private final ErrorMapper errors;
    private final Clock clock;
    private final Listeners<RetryListener> listeners;
    private final DoubleSupplier random;
    private final AtomicLong calls = new AtomicLong();

    Retrier(InterruptibleExchange exchange, RetryPolicy policy, ErrorMapper errors, Clock clock,
            Listeners<RetryListener> listeners) {
        this(exchange, policy, errors, clock, listeners, () -> ThreadLocalRandom.current().nextDouble());
    }

    Retrier(InterruptibleExchange exchange, RetryPolicy policy, ErrorMapper errors, Clock clock,
            Listeners<RetryListener> listeners, DoubleSupplier random) {
        this.exchange = exchange;
        this.policy = policy;
        this.errors = errors;
        this.clock = clock;
        this.listeners = listeners;
        this.random = random;
    }

    /** Marks a POST that only reads, so that it may be repeated (a request tag). */
    enum SafeToRepeat { INSTANCE }

    /** The 2xx response to {@code request}, after the retries its kind allows. */
    RawResponse send(Request request) {
        long call = calls.incrementAndGet();
        boolean repeatable = isRepeatable(request);
        boolean write = isWrite(request);
        Redaction.Carried tagged = request.tag(Redaction.Carried.class);
        Secret carried = tagged == null ? null : tagged.secret();
        // Whether some attempt may have been acted on: sent without an answer, or answered with a 5xx.
        boolean uncertain = false;
        RetryScheduled announced = null;
        try {
            for (int attempt = 1; ; attempt++) {
                boolean mayRetry = repeatable && attempt < policy.maxAttempts();
                RawResponse response;
                if (Thread.currentThread().isInterrupted()) {
                    // Interrupted before (another) attempt: send nothing.
                    throw errors.cancelled(write, uncertain);
                }
                InterruptibleExchange.Attempt sent = new InterruptibleExchange.Attempt();
                try {
                    response = exchange.execute(request, sent);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw errors.cancelled(write, uncertain || sent.mayHaveBeenSentBeforeCancel());
                } catch (IOException e) {
                    uncertain |= sent.mayHaveBeenSent();
                    if (!mayRetry || e instanceof InterruptibleExchange.BodyTooLargeException) {
                        throw errors.fromTransport(e, write, uncertain);
                    }
                    LOG.debug("{} {}: attempt {} failed ({}), retrying", request.method(),
                            request.url().encodedPath(), attempt, e.toString());
                    announced = announce(call, attempt, RetryScheduled.Reason.CONNECTION_FAILED, 0, backoff(attempt), null);
                    pause(announced.delay(), write, uncertain);
                    continue;
                }
                if (response.isSuccessful()) {
                    return response;
                }
                KeyApiException failure = errors.fromStatus(response, uncertain, carried);
                uncertain |= response.code() >= 500;
                if (!mayRetry || !isRetryableStatus(response.code())) {
                    throw failure;
                }
                Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
                if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
                    throw failure;
                }
                LOG.debug("{} {}: attempt {} got HTTP {}, retrying", request.method(), request.url().encodedPath(),
                        attempt, response.code());
                RetryScheduled.Reason reason = response.code() == 429
                        ? RetryScheduled.Reason.RATE_LIMITED : RetryScheduled.Reason.SERVER_ERROR;
                RetryScheduled.Limit scope = failure instanceof RateLimitedException limited
                        ? RetryScheduled.Limit.of(limited.limitScope().orElse(null)) : null;
                announced = announce(call, attempt, reason, response.code(),
                        retryAfter != null ? retryAfter : backoff(attempt), scope);
                pause(announced.delay(), write, uncertain);
            }
        } finally {
            if (announced != null) {
                RetryScheduled last = announced;
                listeners.tell(listener -> listener.retriesEnded(last));
            }
        }
    }

    /** Whether a lost answer leaves it unknown if something changed: anything but a read. */
    static boolean isWrite(Request request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        return !(method.equals("GET") || method.equals("HEAD") || request.tag(SafeToRepeat.class) != null);
    }

    static boolean isRepeatable(Request request) {
        return switch (request.method().toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "DELETE", "PUT", "PATCH" -> true;
            case "POST" -> request.header(HttpTransport.IDEMPOTENCY_KEY) != null || request.tag(SafeToRepeat.class) != null;
            default -> false;
        };
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || ServerException.isTransientStatus(status);
    }

    /** The wait after failed attempt {@code attempt} (1-based) when the server named none. */
    Duration backoff(int attempt) {
        long base = policy.baseDelay().toMillis();
        long cap = policy.maxDelay().toMillis();
        long exponential = base << Math.min(attempt - 1, 30);
        long capped = Math.min(cap, exponential < 0 ? cap : exponential);
        long jittered = Math.round(capped / 2.0 + random.getAsDouble() * capped / 2.0);
        return Duration.ofMillis(jittered);
    }

    /** Tells the listeners that attempt {@code failed} will be repeated after {@code wait}. */
    private RetryScheduled announce(long call, int failed, RetryScheduled.Reason reason, int status, Duration wait,
                                    RetryScheduled.Limit limit) {
        RetryScheduled retry = new RetryScheduled(call, reason, status, failed + 1, policy.maxAttempts(), wait,
                clock.instant().plus(wait), limit);
        listeners.tell(listener -> listener.retryScheduled(retry));
        return retry;
    }

    private void pause(Duration wait, boolean write, boolean uncertain) {
        try {
            policy.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.cancelled(write, uncertain);
        }
    }
}
