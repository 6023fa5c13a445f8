package dev.keydesk.core.incident;

import java.time.Duration;

/**
 * Told what a run does, as it happens, so that a UI or a terminal can show it. Every method is
 * called on an engine thread (never a UI thread): be quick and hop to the UI thread yourself. A
 * listener that throws is ignored. Snapshots are immutable.
 */
public interface IncidentListener {

    /** The run has begun; nothing has been sent yet. */
    default void started(RunSnapshot snapshot) {
    }

    /** One key has its outcome (and it is in the report on disk). */
    default void keyFinished(KeyOutcome outcome, RunSnapshot snapshot) {
    }

    /**
     * The whole run waits; {@link #pauseTick} follows about every second, then {@link #resumed}.
     * A longer {@code Retry-After} arriving meanwhile (from requests that were in flight) is told
     * here again, with the later end, before the one {@link #resumed}.
     */
    default void paused(Pause pause) {
    }

    /** What is left of the pause, about once a second. */
    default void pauseTick(Pause pause, Duration remaining) {
    }

    /** The pause is over (or the run was cancelled during it). */
    default void resumed(Pause pause) {
    }

    /** The engine changed how many requests it allows in flight, and why ("server error", "fast answers"). */
    default void concurrencyChanged(int concurrency, String why) {
    }

    /** A break-glass step began ({@code done} false), ended well ({@code done} true), or failed ({@code message} says how). */
    default void breakGlassStep(BreakGlass.Step step, boolean done, String message) {
    }

    /** Cancel was asked: nothing new starts; requests in flight finish. */
    default void cancelling(RunSnapshot snapshot) {
    }

    /** The run is over and its report complete. */
    default void finished(IncidentResult result) {
    }
}
