package dev.keydesk.app.testing;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * A task runner that holds each task until the test runs it: proves that work was handed to the
 * runner rather than done on the calling (FX) thread, and lets the test choose the order in which
 * tasks finish, as a pool of threads may. Tasks run on the test's thread, callbacks included.
 */
public final class ManualTaskRunner implements TaskRunner {

    private final List<BackgroundTask<?>> pending = new ArrayList<>();
    private final CurrentThreadTaskRunner runner = new CurrentThreadTaskRunner();

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        pending.add(task);
        return new TaskHandle() {
            @Override
            public void cancel() {
                if (pending.remove(task)) {
                    task.onCancelled().run();
                }
            }

            @Override
            public boolean isDone() {
                return !pending.contains(task);
            }
        };
    }

    /** The titles of the tasks not run yet, oldest first. */
    public List<String> pendingTitles() {
        return pending.stream().map(BackgroundTask::title).toList();
    }

    /** Runs the oldest pending task; false when there was none. */
    public boolean runOldest() {
        if (pending.isEmpty()) {
            return false;
        }
        runner.submit(pending.remove(0));
        return true;
    }

    /** Runs the newest pending task; false when there was none. */
    public boolean runNewest() {
        if (pending.isEmpty()) {
            return false;
        }
        runner.submit(pending.remove(pending.size() - 1));
        return true;
    }

    /** Runs tasks, oldest first, until none is left (tasks submitted meanwhile included). */
    public void runAll() {
        while (runOldest()) {
            // keep going
        }
    }

    /** Runs tasks, newest first, until none is left: the order a pool may finish them in. */
    public void runAllNewestFirst() {
        while (runNewest()) {
            // keep going
        }
    }
}
