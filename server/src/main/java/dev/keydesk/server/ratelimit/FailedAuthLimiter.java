package dev.keydesk.server.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** Failed authentications per client address and minute; past the limit the address gets 429. */
public final class FailedAuthLimiter {

    private static final class Counter {
        long minuteStart = -1;
        long failures;
    }

    /** The {@code limit_scope} of its 429s. */
    public static final String SCOPE = "address_failed_auth";

    private final int perMinute;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public FailedAuthLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Seconds to wait if {@code address} is over the limit, else 0. */
    public long retryAfter(String address, long now) {
        Counter c = counters.get(address);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            long minute = Math.floorDiv(now, 60L) * 60;
            if (c.minuteStart != minute || c.failures < perMinute) {
                return 0;
            }
            return Math.max(1, minute + 60 - now);
        }
    }

    public void recordFailure(String address, long now) {
        if (counters.size() > 50_000) {
            long minute = Math.floorDiv(now, 60L) * 60;
            counters.entrySet().removeIf(e -> e.getValue().minuteStart != minute);
        }
        Counter c = counters.computeIfAbsent(address, a -> new Counter());
        synchronized (c) {
            long minute = Math.floorDiv(now, 60L) * 60;
            if (c.minuteStart != minute) {
                c.minuteStart = minute;
                c.failures = 0;
            }
            c.failures++;
        }
    }
}
