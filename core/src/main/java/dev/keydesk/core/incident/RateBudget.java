package dev.keydesk.core.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rate-limit budget as the server last reported it, per window. Answers arrive out of order
 * when requests run in parallel, so within one window the lowest {@code remaining} wins; a window
 * whose reset has passed is unknown again (full). Thread-safe.
 */
final class RateBudget {

    /** What the budget allows now. */
    enum Verdict {
        /** Send. */
        GO,
        /** Wait for answers in flight: the budget is nearly spent. */
        HOLD,
        /** Spent and nothing in flight: wait for {@link #resetOfSpent(Instant)}. */
        SPENT
    }

    private final Map<String, RateEstimate.Window> windows = new HashMap<>();

    synchronized void observe(List<RateEstimate.Window> seen) {
        for (RateEstimate.Window w : seen) {
            RateEstimate.Window known = windows.get(w.name());
            if (known == null || w.reset() == null || known.reset() == null || w.reset().isAfter(known.reset())) {
                windows.put(w.name(), w);
            } else if (w.reset().equals(known.reset()) && w.remaining() < known.remaining()) {
                windows.put(w.name(), w);
            }
        }
    }

    synchronized Verdict check(Instant now, int inFlight) {
        Verdict verdict = Verdict.GO;
        for (RateEstimate.Window w : windows.values()) {
            if (!inForce(w, now)) {
                continue;
            }
            if (w.remaining() <= 0) {
                return inFlight == 0 ? Verdict.SPENT : Verdict.HOLD;
            }
            if (w.remaining() <= inFlight) {
                verdict = Verdict.HOLD;
            }
        }
        return verdict;
    }

    /** Whether every window in force could take {@code concurrency} more requests twice over. */
    synchronized boolean roomFor(int concurrency, Instant now) {
        for (RateEstimate.Window w : windows.values()) {
            if (inForce(w, now) && w.remaining() < 2L * concurrency) {
                return false;
            }
        }
        return true;
    }

    /** The latest reset among the spent windows: when sending makes sense again. */
    synchronized Optional<Instant> resetOfSpent(Instant now) {
        Instant latest = null;
        for (RateEstimate.Window w : windows.values()) {
            if (inForce(w, now) && w.remaining() <= 0 && (latest == null || w.reset().isAfter(latest))) {
                latest = w.reset();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The name of the spent window ("minute", "hour"), for the pause's message. */
    synchronized Optional<String> spentWindow(Instant now) {
        return windows.values().stream().filter(w -> inForce(w, now) && w.remaining() <= 0)
                .map(RateEstimate.Window::name).findFirst();
    }

    private static boolean inForce(RateEstimate.Window w, Instant now) {
        return w.limit() < RateEstimate.UNLIMITED && w.reset() != null && now.isBefore(w.reset());
    }
}
