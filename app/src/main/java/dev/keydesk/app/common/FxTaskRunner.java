package dev.keydesk.app.common;

import dev.keydesk.client.error.CancelledException;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's one {@link TaskRunner}: runs each {@link BackgroundTask} as a {@link Task} on a small
 * pool of daemon threads and delivers its callbacks on the FX Application Thread.
 *
 * <p>This is the only place the app creates threads (an architecture test holds it to that), so
 * that every slow call can be cancelled and nothing outlives {@link #close()}. A task submitted
 * after {@code close()} is reported cancelled and never runs.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService executor;

    public FxTaskRunner() {
        this(4);
    }

    public FxTaskRunner(int threads) {
        this.executor = Executors.newFixedThreadPool(threads, new WorkerThreads());
    }

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        RunningTask<T> running = new RunningTask<>(task);
        running.setOnSucceeded(e -> task.onSuccess().accept(running.getValue()));
        running.setOnCancelled(e -> task.onCancelled().run());
        running.setOnFailed(e -> {
            Throwable error = running.getException();
            // An interrupted call ends as a CancelledException from the client, or as an
            // InterruptedException from the work itself: both mean "stopped", not "broken".
            if (error instanceof CancelledException || error instanceof InterruptedException) {
                task.onCancelled().run();
            } else {
                task.onFailure().accept(error);
            }
        });
        try {
            executor.execute(running);
        } catch (RejectedExecutionException closed) {
            // After close (the app is stopping), a late timer's task is cancelled, never run.
            running.cancel(false);
        }
        return new Handle(running);
    }

    /** Interrupts whatever still runs; called when the app stops. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads, so a stuck HTTP call can never keep the JVM alive after the window closed. */
    private static final class WorkerThreads implements ThreadFactory {
        private final ThreadFactory base = Executors.defaultThreadFactory();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = base.newThread(r);
            thread.setName("keydesk-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * What the UI holds: cancel, and the task's progress and message for an overlay to bind (read
     * those on the FX thread, like every property of a {@link Task}).
     */
    private record Handle(RunningTask<?> task) implements TaskHandle {
        @Override
        public void cancel() {
            task.cancel(true);
        }

        /** Safe from any thread (the task's own state is FX-thread only). */
        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return task.progressProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return task.messageProperty();
        }
    }

    /** The JavaFX task, and the {@link Progress} the work reports into. */
    private static final class RunningTask<T> extends Task<T> implements Progress {
        private final BackgroundTask<T> task;

        RunningTask(BackgroundTask<T> task) {
            this.task = task;
            updateTitle(task.title());
            updateProgress(-1, 1);
        }

        @Override
        protected T call() throws Exception {
            return task.work().run(this);
        }

        @Override
        public void update(long done, long total) {
            if (total < 0) {
                updateProgress(-1, 1);
            } else {
                updateProgress(done, total);
            }
        }

        @Override
        public void message(String message) {
            updateMessage(message);
        }

        @Override
        public boolean isCancelled() {
            return super.isCancelled() || Thread.currentThread().isInterrupted();
        }
    }
}
