package dev.keydesk.core.incident;

/**
 * How many requests a run keeps in flight: additive increase, multiplicative decrease (as TCP).
 * It starts small, doubles per round while answers stay fast and the rate budget has room (slow
 * start), then, after the first congestion, grows by one per round; a 429, a server error or a
 * timeout halves it, at most once per round (only a request sent after the last cut can cut again).
 * While answers are much slower than the fastest seen (a moving average, so that one slow answer
 * on a busy machine does not count), growth holds without a cut: the server is busy, not failing;
 * it resumes where it was once answers are fast again. Thread-safe.
 */
final class AdaptiveConcurrency {

    /** Answers within this factor of the fastest one seen (plus a few ms of noise) count as fast. */
    private static final double FAST_FACTOR = 2.0;
    private static final long NOISE_NANOS = 5_000_000L;
    /** Weight of the newest answer in the moving average of latencies. */
    private static final double SMOOTHING = 0.1;

    private final int max;
    private double limit;
    private boolean slowStart = true;
    private long fastestNanos = Long.MAX_VALUE;
    private double averageNanos = -1;
    private long started;
    private long cutAt = -1;

    AdaptiveConcurrency(int initial, int max) {
        this.max = max;
        this.limit = Math.min(initial, max);
    }

    synchronized int limit() {
        return (int) Math.floor(limit);
    }

    /** Numbers a request as it starts, so that {@link #onCongestion} knows which round it belongs to. */
    synchronized long onStart() {
        return ++started;
    }

    /**
     * A request answered. Returns the new limit if it changed, else -1.
     *
     * @param budgetRoom whether the rate budget could take more requests in flight
     */
    synchronized int onAnswer(long latencyNanos, boolean budgetRoom) {
        fastestNanos = Math.min(fastestNanos, latencyNanos);
        averageNanos = averageNanos < 0 ? latencyNanos : averageNanos + SMOOTHING * (latencyNanos - averageNanos);
        int before = limit();
        boolean fast = averageNanos <= fastestNanos * FAST_FACTOR + NOISE_NANOS;
        if (!fast) {
            // Slow is not failing: hold, without leaving slow start. A cold client (its first
            // second in a fresh JVM) or a busy moment must not sentence the run to one more
            // request per round for the rest of it; only congestion ends slow start.
            return -1;
        }
        if (!budgetRoom || limit >= max) {
            return -1;
        }
        limit = Math.min(max, slowStart ? limit + 1 : limit + 1.0 / limit);
        return limit() != before ? limit() : -1;
    }

    /** A 429, a server error or a timeout for request {@code seq}. Returns the new limit if it changed, else -1. */
    synchronized int onCongestion(long seq) {
        slowStart = false;
        if (seq <= cutAt) {
            return -1;
        }
        int before = limit();
        limit = Math.max(1, limit / 2);
        cutAt = started;
        return limit() != before ? limit() : -1;
    }
}
