package dev.keydesk.client.model;

/**
 * One rate-limit window: how many requests it allows, how many are left, and when it starts afresh.
 *
 * @param reset null when the server did not say
 */
public record RateLimitWindow(long limit, long remaining, java.time.Instant reset) {
}
