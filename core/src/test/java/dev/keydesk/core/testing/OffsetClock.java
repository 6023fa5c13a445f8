package dev.keydesk.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time shifted by an offset the test sets: a server started on it a few months "ago" makes
 * keys that are due for rotation, and then runs on in real time once the offset is back to zero.
 */
public final class OffsetClock extends Clock {

    private final AtomicReference<Duration> offset;

    public OffsetClock(Duration offset) {
        this.offset = new AtomicReference<>(offset);
    }

    public void setOffset(Duration value) {
        offset.set(value);
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
        return Instant.now().plus(offset.get());
    }
}
