package dev.keydesk.app.incident;

import dev.keydesk.core.incident.BreakGlass;
import dev.keydesk.core.incident.IncidentListener;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Pause;
import dev.keydesk.core.incident.RunSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The engine's callbacks (on its threads), handed to the FX thread in batches: whatever arrives
 * while a hop is pending joins that hop, so a thousand keys finishing in a second cost a handful of
 * hops, never a thousand. Only the latest snapshot and pause countdown are kept; every outcome
 * and break-glass step is delivered, in order. The engine is never slowed: each callback only
 * records and, at most, schedules one hop.
 */
final class RunFeed implements IncidentListener {

    /** A break-glass step as the engine told it. */
    record Step(BreakGlass.Step step, boolean done, String message) {
    }

    /**
     * What arrived since the last batch.
     *
     * @param snapshot the latest snapshot, or null when none came
     * @param pause the pause in force, or null; {@code pauseChanged} says whether it is news
     * @param pauseRemaining what is left of it by the latest tick, or null
     * @param concurrency the latest concurrency, or null when it did not change
     * @param finished the result once the run is over, else null
     */
    record Batch(RunSnapshot snapshot, List<KeyOutcome> outcomes, boolean pauseChanged, Pause pause,
                 Duration pauseRemaining, Integer concurrency, String concurrencyWhy, List<Step> steps,
                 boolean cancelling, IncidentResult finished) {
    }

    private final Executor fxThread;
    private final Consumer<Batch> sink;

    // Guarded by this.
    private RunSnapshot snapshot;
    private final List<KeyOutcome> outcomes = new ArrayList<>();
    private boolean pauseChanged;
    private Pause pause;
    private Duration pauseRemaining;
    private Integer concurrency;
    private String concurrencyWhy;
    private final List<Step> steps = new ArrayList<>();
    private boolean cancelling;
    private IncidentResult finished;
    private boolean scheduled;

    /**
     * @param fxThread runs a batch on the FX thread ({@code Platform::runLater} in the app)
     * @param sink takes each batch there
     */
    RunFeed(Executor fxThread, Consumer<Batch> sink) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void started(RunSnapshot s) {
        record(() -> snapshot = s);
    }

    @Override
    public void keyFinished(KeyOutcome outcome, RunSnapshot s) {
        record(() -> {
            outcomes.add(outcome);
            snapshot = s;
        });
    }

    @Override
    public void paused(Pause p) {
        record(() -> {
            pause = p;
            pauseChanged = true;
            pauseRemaining = p.length();
        });
    }

    @Override
    public void pauseTick(Pause p, Duration remaining) {
        record(() -> {
            if (pause == null || !pause.equals(p)) {
                pause = p;
                pauseChanged = true;
            }
            pauseRemaining = remaining;
        });
    }

    @Override
    public void resumed(Pause p) {
        record(() -> {
            pause = null;
            pauseChanged = true;
            pauseRemaining = null;
        });
    }

    @Override
    public void concurrencyChanged(int n, String why) {
        record(() -> {
            concurrency = n;
            concurrencyWhy = why;
        });
    }

    @Override
    public void breakGlassStep(BreakGlass.Step step, boolean done, String message) {
        record(() -> steps.add(new Step(step, done, message)));
    }

    @Override
    public void cancelling(RunSnapshot s) {
        record(() -> {
            cancelling = true;
            snapshot = s;
        });
    }

    @Override
    public void finished(IncidentResult result) {
        record(() -> finished = result);
    }

    private void record(Runnable change) {
        boolean hop;
        synchronized (this) {
            change.run();
            hop = !scheduled;
            scheduled = true;
        }
        if (hop) {
            fxThread.execute(this::deliver);
        }
    }

    /** On the FX thread: everything gathered since the last hop, in one batch. */
    private void deliver() {
        Batch batch;
        synchronized (this) {
            scheduled = false;
            batch = new Batch(snapshot, List.copyOf(outcomes), pauseChanged, pause, pauseRemaining, concurrency,
                    concurrencyWhy, List.copyOf(steps), cancelling, finished);
            snapshot = null;
            outcomes.clear();
            pauseChanged = false;
            concurrency = null;
            concurrencyWhy = null;
            steps.clear();
            cancelling = false;
            finished = null;
        }
        sink.accept(batch);
    }
}
