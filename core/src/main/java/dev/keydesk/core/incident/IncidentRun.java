package dev.keydesk.core.incident;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run in progress: watch it ({@link #snapshot()}, the listener), cancel it, wait for its
 * result. Thread-safe.
 */
public final class IncidentRun {

    private final RunLoop loop;
    private final CompletableFuture<IncidentResult> result;

    IncidentRun(RunLoop loop, CompletableFuture<IncidentResult> result) {
        this.loop = loop;
        this.result = result;
    }

    /**
     * Stops cleanly: nothing new starts, requests in flight finish (or time out), keys whose earlier
     * attempt is uncertain are checked, the others end "not attempted"; the report is complete.
     * Idempotent; returns at once.
     */
    public void cancel() {
        loop.cancel();
    }

    public RunSnapshot snapshot() {
        return loop.snapshot();
    }

    /** Completes once every key has its outcome and the report is written; never exceptionally for a key's failure. */
    public CompletableFuture<IncidentResult> result() {
        return result;
    }

    /** Waits for the end. */
    public IncidentResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the incident run failed", e.getCause());
        }
    }

    /** Waits at most {@code max}; empty if the run is still going. */
    public Optional<IncidentResult> await(Duration max) throws InterruptedException {
        try {
            return Optional.of(result.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the incident run failed", e.getCause());
        }
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** The folder the report is being written to; empty when automatic saving is off. */
    public Optional<Path> reportFolder() {
        return Optional.ofNullable(loop.reportFolder());
    }
}
