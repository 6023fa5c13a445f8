package dev.keydesk.client.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The calling key's rate-limit budget: the hourly window ({@code X-RateLimit-Limit},
 * {@code -Remaining}, {@code -Reset}, or the rate-limit endpoint's body), and the per-minute
 * window where the server sends it ({@code X-RateLimit-Minute-Limit}, {@code -Remaining},
 * {@code -Reset}, an extension of the local server).
 *
 * @param reset when the hourly window starts afresh; null when the server did not say
 * @param observedAt when the client saw these figures
 * @param minute the per-minute window; null when the server did not send it
 */
public record RateLimitStatus(long limit, long remaining, Instant reset, Instant observedAt, RateLimitWindow minute) {

    /** The hourly window alone, as version 1 sends it. */
    public RateLimitStatus(long limit, long remaining, Instant reset, Instant observedAt) {
        this(limit, remaining, reset, observedAt, null);
    }

    /** The per-minute window, when the server sent one. */
    public Optional<RateLimitWindow> minuteWindow() {
        return Optional.ofNullable(minute);
    }

    /** The hourly window as a {@link RateLimitWindow}. */
    public RateLimitWindow hourWindow() {
        return new RateLimitWindow(limit, remaining, reset);
    }
}
