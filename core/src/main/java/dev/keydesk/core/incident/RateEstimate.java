package dev.keydesk.core.incident;

import dev.keydesk.client.model.RateLimitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long a run should take at the server's current rate limit, from the figures it last sent
 * ({@code X-RateLimit-*}; the per-minute window where the server sends one).
 *
 * @param requests what the run will send at least (one per target, plus break-glass)
 * @param estimate null when the limit does not bound the run (no limit, or none known): the run
 *     then goes as fast as the server answers
 * @param basis for people: "at 100 requests per minute (40 left in this minute)"
 */
public record RateEstimate(int requests, Long perMinute, Long perHour, Long remainingThisMinute,
                           Long remainingThisHour, Duration estimate, String basis) {

    /** A limit this high is no limit (the local server's unlimited plan sends {@code Integer.MAX_VALUE}). */
    static final long UNLIMITED = 1_000_000_000L;

    public Optional<Duration> estimated() {
        return Optional.ofNullable(estimate);
    }

    /** One rate-limit window as last seen: its size, what is left, and when it starts afresh. */
    record Window(String name, long limit, long remaining, Instant reset, Duration length) {

        /** The windows in {@code status}: the hourly one, and the per-minute one where the server sends it. */
        static List<Window> of(RateLimitStatus status) {
            List<Window> windows = new ArrayList<>();
            if (status != null) {
                windows.add(new Window("hour", status.limit(), status.remaining(), status.reset(), Duration.ofHours(1)));
                status.minuteWindow().ifPresent(m -> windows.add(new Window("minute", m.limit(), m.remaining(), m.reset(),
                        Duration.ofMinutes(1))));
            }
            return windows;
        }
    }

    static RateEstimate of(int requests, List<Window> windows, Instant now) {
        Long perMinute = null;
        Long perHour = null;
        Long leftMinute = null;
        Long leftHour = null;
        Duration worst = null;
        List<String> parts = new ArrayList<>();
        boolean unlimited = false;
        for (Window w : windows) {
            if (w.limit() >= UNLIMITED) {
                unlimited = true;
                continue;
            }
            if (w.length().equals(Duration.ofMinutes(1))) {
                perMinute = w.limit();
                leftMinute = w.remaining();
            } else {
                perHour = w.limit();
                leftHour = w.remaining();
            }
            Duration d = timeFor(requests, w, now);
            if (worst == null || d.compareTo(worst) > 0) {
                worst = d;
            }
            parts.add(w.limit() + " requests per " + w.name() + " (" + w.remaining() + " left in this " + w.name() + ")");
        }
        String basis;
        if (!parts.isEmpty()) {
            basis = "at " + String.join(" and ", parts);
        } else if (unlimited) {
            basis = "the server sets no rate limit for this key: the run goes as fast as the server answers";
        } else {
            basis = "the server did not say its rate limit: the run adapts to its answers";
        }
        return new RateEstimate(requests, perMinute, perHour, leftMinute, leftHour, worst, basis);
    }

    /** The time until the last of {@code requests} fits in window {@code w}: none if it fits now. */
    static Duration timeFor(int requests, Window w, Instant now) {
        if (requests <= w.remaining() || w.limit() <= 0) {
            return Duration.ZERO;
        }
        long beyond = requests - Math.max(0, w.remaining());
        long windowsAfter = (beyond + w.limit() - 1) / w.limit();
        Duration untilReset = w.reset() == null || w.reset().isBefore(now) ? Duration.ZERO : Duration.between(now, w.reset());
        return untilReset.plus(w.length().multipliedBy(windowsAfter - 1));
    }
}
