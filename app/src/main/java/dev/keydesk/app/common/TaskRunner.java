package dev.keydesk.app.common;

/**
 * The one way slow work leaves the FX Application Thread. A task's work runs elsewhere; its
 * callbacks come back on the FX thread. Tests use {@link CurrentThreadTaskRunner}, which runs
 * everything at once on the caller's thread.
 */
public interface TaskRunner {

    /** Starts the task and returns a handle to cancel it or watch it. */
    <T> TaskHandle submit(BackgroundTask<T> task);
}
