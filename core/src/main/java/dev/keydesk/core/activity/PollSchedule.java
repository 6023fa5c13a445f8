package dev.keydesk.core.activity;

import java.time.Duration;

/**
 * How long to wait before asking for new audit events again: a steady pace while all is well,
 * longer after each failure (doubling up to a ceiling), and never sooner than a 429's
 * {@code Retry-After}. One request per interval, so an open Activity view cannot flood a server.
 */
public final class PollSchedule {

    public static final Duration INTERVAL = Duration.ofSeconds(20);
    public static final Duration CEILING = Duration.ofMinutes(5);

    private Duration current = INTERVAL;

    /** After a poll that worked: back to the steady pace. */
    public Duration afterSuccess() {
        current = INTERVAL;
        return current;
    }

    /** After a failure: twice the last wait, at most the ceiling. */
    public Duration afterFailure() {
        current = min(current.multipliedBy(2), CEILING);
        return current;
    }

    /** After a 429: at least the server's {@code Retry-After}, and backed off like any failure. */
    public Duration afterRateLimit(Duration retryAfter) {
        Duration backedOff = afterFailure();
        if (retryAfter != null && retryAfter.compareTo(backedOff) > 0) {
            current = retryAfter;
        }
        return current;
    }

    public Duration current() {
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
