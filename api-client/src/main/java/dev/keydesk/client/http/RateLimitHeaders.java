package dev.keydesk.client.http;

import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.RateLimitWindow;
import okhttp3.Headers;

import java.time.Instant;

/**
 * Reads {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (the hourly window) from a
 * response, and the local server's per-minute window {@code X-RateLimit-Minute-Limit},
 * {@code -Remaining} and {@code -Reset} where it is there.
 */
final class RateLimitHeaders {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";
    static final String MINUTE_LIMIT = "X-RateLimit-Minute-Limit";
    static final String MINUTE_REMAINING = "X-RateLimit-Minute-Remaining";
    static final String MINUTE_RESET = "X-RateLimit-Minute-Reset";

    /** Below this, a reset value is a number of seconds from now rather than Unix seconds (2001-09-09). */
    private static final long EPOCH_SECONDS_FLOOR = 1_000_000_000L;

    private RateLimitHeaders() {
    }

    /** Null when the response does not carry a limit and a remaining count that are numbers. */
    static RateLimitStatus parse(Headers headers, Instant observedAt) {
        Long limit = number(headers.get(LIMIT));
        Long remaining = number(headers.get(REMAINING));
        if (limit == null || remaining == null) {
            return null;
        }
        Long reset = number(headers.get(RESET));
        return new RateLimitStatus(limit, remaining, reset == null ? null : resetInstant(reset, observedAt),
                observedAt, minute(headers, observedAt));
    }

    /** Null unless both the minute limit and its remaining count are numbers. */
    private static RateLimitWindow minute(Headers headers, Instant observedAt) {
        Long limit = number(headers.get(MINUTE_LIMIT));
        Long remaining = number(headers.get(MINUTE_REMAINING));
        if (limit == null || remaining == null) {
            return null;
        }
        Long reset = number(headers.get(MINUTE_RESET));
        return new RateLimitWindow(limit, remaining, reset == null ? null : resetInstant(reset, observedAt));
    }

    /** Unix seconds as the contract says; small values as seconds from now, as some servers send. */
    static Instant resetInstant(long value, Instant observedAt) {
        return value < EPOCH_SECONDS_FLOOR ? observedAt.plusSeconds(Math.max(0, value)) : Instant.ofEpochSecond(value);
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            // Some servers list several windows ("100, 100;w=60"): the first figure is the one in force.
            String first = value.split("[,;]", 2)[0].trim();
            return (long) Double.parseDouble(first);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
