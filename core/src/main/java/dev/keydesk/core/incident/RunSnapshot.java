package dev.keydesk.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run stands, at one moment; immutable, so a UI can take it from any thread.
 *
 * @param total target keys
 * @param finished keys with an outcome, per outcome
 * @param inFlight requests on the wire
 * @param waiting keys waiting to be retried after a server error or a lost answer
 * @param concurrency the requests the engine allows in flight right now (it adapts)
 * @param perSecond keys finished per second over the last seconds
 * @param timeLeft a guess from the recent pace and any pause; empty before there is a pace
 * @param pause the wait in force, if any
 */
public record RunSnapshot(State state, int total, Map<Outcome, Integer> finished, int inFlight, int waiting,
                          int concurrency, double perSecond, Duration timeLeft, Pause pause, Instant startedAt,
                          Duration elapsed) {

    public enum State { STARTING, RUNNING, PAUSED, CANCELLING, FINISHED }

    public RunSnapshot {
        EnumMap<Outcome, Integer> copy = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            copy.put(o, finished.getOrDefault(o, 0));
        }
        finished = Collections.unmodifiableMap(copy);
    }

    public int done() {
        return finished.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int remaining() {
        return total - done();
    }

    public int count(Outcome outcome) {
        return finished.get(outcome);
    }

    public Optional<Pause> currentPause() {
        return Optional.ofNullable(pause);
    }

    public Optional<Duration> estimatedTimeLeft() {
        return Optional.ofNullable(timeLeft);
    }
}
