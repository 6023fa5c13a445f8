package dev.keydesk.core.incident;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Keeps what a run told, for assertions; {@code onFinishedCount} lets a test act mid-run (cancel, inject faults). */
final class RecordingListener implements IncidentListener {

    final List<KeyOutcome> finished = new CopyOnWriteArrayList<>();
    final List<Pause> paused = new CopyOnWriteArrayList<>();
    final List<Duration> ticks = new CopyOnWriteArrayList<>();
    final List<Pause> resumed = new CopyOnWriteArrayList<>();
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<Integer> concurrency = new CopyOnWriteArrayList<>();
    final AtomicInteger cancelling = new AtomicInteger();
    volatile IncidentResult result;
    private final IntConsumer onFinishedCount;

    RecordingListener() {
        this(n -> { });
    }

    RecordingListener(IntConsumer onFinishedCount) {
        this.onFinishedCount = onFinishedCount;
    }

    @Override
    public void keyFinished(KeyOutcome outcome, RunSnapshot snapshot) {
        finished.add(outcome);
        onFinishedCount.accept(finished.size());
    }

    @Override
    public void paused(Pause pause) {
        paused.add(pause);
    }

    @Override
    public void pauseTick(Pause pause, Duration remaining) {
        ticks.add(remaining);
    }

    @Override
    public void resumed(Pause pause) {
        resumed.add(pause);
    }

    @Override
    public void concurrencyChanged(int n, String why) {
        concurrency.add(n);
    }

    @Override
    public void breakGlassStep(BreakGlass.Step step, boolean done, String message) {
        steps.add(step + (done ? " done" : " begun") + ": " + message);
    }

    @Override
    public void cancelling(RunSnapshot snapshot) {
        cancelling.incrementAndGet();
    }

    @Override
    public void finished(IncidentResult result) {
        this.result = result;
    }
}
