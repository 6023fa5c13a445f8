package dev.keydesk.server.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Two fixed windows per key, one per minute and one per hour, aligned to the clock. State is in
 * memory: a restart forgets the counts, as a local server may.
 */
public final class RateLimiter {

    /**
     * The outcome of one request: the hourly window (the contract's headers), the minute window
     * (the {@code X-RateLimit-Minute-*} headers), and for a refusal which window was full.
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSeconds,
            long retryAfterSeconds, boolean firstRejectionInWindow, String window,
            long minuteLimit, long minuteRemaining, long minuteResetEpochSeconds) {

        /** The {@code limit_scope} of a refusal: {@code key_minute} or {@code key_hour}. */
        public String scope() {
            return window == null ? null : "key_" + window;
        }
    }

    private static final class Window {
        long minuteStart = -1;
        long minuteCount;
        long hourStart = -1;
        long hourCount;
        long rejectionNotedMinute = -1;
        long rejectionNotedHour = -1;
    }

    private final long perMinute;
    private final long perHour;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(long perMinute, long perHour) {
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    public long perMinute() {
        return perMinute;
    }

    public long perHour() {
        return perHour;
    }

    /** Counts a request for {@code key} at {@code now} unless a window is full. */
    public Decision acquire(String key, long now) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        synchronized (w) {
            roll(w, now);
            boolean minuteFull = w.minuteCount >= perMinute;
            boolean hourFull = w.hourCount >= perHour;
            long reset = w.hourStart + 3600;
            if (minuteFull || hourFull) {
                long retry = hourFull ? reset - now : w.minuteStart + 60 - now;
                boolean first;
                if (hourFull) {
                    first = w.rejectionNotedHour != w.hourStart;
                    w.rejectionNotedHour = w.hourStart;
                } else {
                    first = w.rejectionNotedMinute != w.minuteStart;
                    w.rejectionNotedMinute = w.minuteStart;
                }
                return new Decision(false, perHour, Math.max(0, perHour - w.hourCount), reset,
                        Math.max(1, retry), first, hourFull ? "hour" : "minute",
                        perMinute, Math.max(0, perMinute - w.minuteCount), w.minuteStart + 60);
            }
            w.minuteCount++;
            w.hourCount++;
            return new Decision(true, perHour, Math.max(0, perHour - w.hourCount), reset, 0, false, null,
                    perMinute, Math.max(0, perMinute - w.minuteCount), w.minuteStart + 60);
        }
    }

    /** The hourly window as it stands, without counting a request. */
    public Decision peek(String key, long now) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        synchronized (w) {
            roll(w, now);
            return new Decision(true, perHour, Math.max(0, perHour - w.hourCount), w.hourStart + 3600, 0, false, null,
                    perMinute, Math.max(0, perMinute - w.minuteCount), w.minuteStart + 60);
        }
    }

    private static void roll(Window w, long now) {
        long minute = Math.floorDiv(now, 60L) * 60;
        long hour = Math.floorDiv(now, 3600L) * 3600;
        if (w.minuteStart != minute) {
            w.minuteStart = minute;
            w.minuteCount = 0;
        }
        if (w.hourStart != hour) {
            w.hourStart = hour;
            w.hourCount = 0;
        }
    }
}
