package dev.keydesk.client.model;

import java.time.Instant;

/**
 * The calling key's rate-limit budget (the hourly window).
 *
 * @param reset when the window starts afresh
 * @param observedAt when the client saw these figures
 */
public record RateLimitStatus(long limit, long remaining, Instant reset, Instant observedAt) {
}
