package dev.keydesk.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The client will repeat a request after a wait: what a {@link RetryListener} is told so that a
 * UI can say so ("Rate limited — retrying in 12 s") instead of looking stuck. Carries no part of
 * the request (no headers, no body, no secret): only why, when and which attempt.
 *
 * @param request numbers the calls of one client (every attempt of one call shares it), so that
 *     {@link RetryListener#retriesEnded} can be matched with the waits it ends
 * @param reason why the attempt failed
 * @param status the HTTP status of the failed attempt; 0 for a connection failure
 * @param nextAttempt the attempt that will be made after the wait: 2 for the first retry
 * @param maxAttempts the most attempts this call gets, the first included
 * @param delay how long the client waits: the server's {@code Retry-After}, or its own backoff
 * @param retryAt when the delay ends, by the client's clock
 * @param limit for a 429, the limit the server named ({@code limit_scope}); null when it named none
 *     (or the attempt was no 429). An enum, not the wire's text: an announcement carries nothing
 *     free-form from the exchange.
 */
public record RetryScheduled(long request, Reason reason, int status, int nextAttempt, int maxAttempts,
                             Duration delay, Instant retryAt, Limit limit) {

    public RetryScheduled {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryAt, "retryAt");
    }

    /** A wait for which the server named no limit. */
    public RetryScheduled(long request, Reason reason, int status, int nextAttempt, int maxAttempts,
                          Duration delay, Instant retryAt) {
        this(request, reason, status, nextAttempt, maxAttempts, delay, retryAt, null);
    }

    /** Which limit a 429 hit, as the server's {@code limit_scope} named it. */
    public enum Limit {
        /** The calling key's per-minute window. */
        KEY_MINUTE,
        /** The calling key's per-hour window. */
        KEY_HOUR,
        /** Too many failed authentications from the caller's address: every request from it waits. */
        ADDRESS_FAILED_AUTH,
        /** A scope this client does not know. */
        OTHER;

        /** The limit a {@code limit_scope} value names; null for none. */
        public static Limit of(String limitScope) {
            if (limitScope == null || limitScope.isBlank()) {
                return null;
            }
            return switch (limitScope) {
                case "key_minute" -> KEY_MINUTE;
                case "key_hour" -> KEY_HOUR;
                case "address_failed_auth" -> ADDRESS_FAILED_AUTH;
                default -> OTHER;
            };
        }
    }

    /** Why an attempt is repeated. */
    public enum Reason {
        /** 429: the calling key is over its rate limit; the wait is the server's {@code Retry-After} when it sent one. */
        RATE_LIMITED,
        /** A 5xx answer (other than 501 and 505). */
        SERVER_ERROR,
        /** No usable answer: refused, reset, timed out, or a body that broke off. */
        CONNECTION_FAILED
    }
}
