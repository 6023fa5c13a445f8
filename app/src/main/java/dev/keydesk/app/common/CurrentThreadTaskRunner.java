package dev.keydesk.app.common;

/**
 * Runs each task at once on the calling thread, callbacks included: for view-model tests, where
 * there is no FX thread to come back to.
 */
public final class CurrentThreadTaskRunner implements TaskRunner {

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        T result;
        try {
            result = task.work().run(Progress.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.onCancelled().run();
            return done();
        } catch (Exception e) {
            task.onFailure().accept(e);
            return done();
        }
        task.onSuccess().accept(result);
        return done();
    }

    private static TaskHandle done() {
        return new TaskHandle() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }
}
