package dev.keydesk.core.testing;

import dev.keydesk.client.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the tests move by hand, shared by the server (its rate-limit windows) and the engine
 * (its pauses), so that a test can wait out a per-minute window without waiting a minute.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Starts at the beginning of the current minute of the real clock, plus {@code secondsIn}. */
    public static MutableClock atMinute(int secondsIn) {
        Instant real = Instant.now();
        return new MutableClock(Instant.ofEpochSecond(real.getEpochSecond() / 60 * 60 + secondsIn));
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /**
     * Waits by moving this clock instead of sleeping (after a millisecond of real time, so that a
     * waiting loop cannot starve the threads it waits for). Interruptible like a real sleep.
     */
    public RetryPolicy.Sleeper sleeper() {
        return d -> {
            Thread.sleep(1);
            advance(d);
        };
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
