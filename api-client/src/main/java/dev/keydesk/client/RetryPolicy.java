package dev.keydesk.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before repeating a request that failed in a way that may
 * pass: a connection failure, 429 or 5xx. Waits grow exponentially from {@code baseDelay}, are
 * capped at {@code maxDelay}, jittered, and never shorter than a server's {@code Retry-After}
 * (up to {@code maxRetryAfter}: a longer wait is reported to the caller instead).
 *
 * @param maxAttempts total attempts, including the first; 1 means no retry
 * @param sleeper how to wait; tests pass one that does not sleep
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          Sleeper sleeper) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Three attempts, 250 ms doubling to at most 4 s, waiting out a Retry-After of up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(30),
                Sleeper.REAL);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Sleeper.REAL);
    }

    public RetryPolicy withSleeper(Sleeper sleeper) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter, sleeper);
    }

    /** Waits; interruptible, so that cancelling a call also ends its wait. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
