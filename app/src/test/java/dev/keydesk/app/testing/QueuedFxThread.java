package dev.keydesk.app.testing;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The FX thread of a view-model test: work handed to it (from the incident engine's threads) waits
 * in a queue until the test thread runs it, so the view model is only ever touched by one thread,
 * as on the real FX thread.
 */
public final class QueuedFxThread implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable work) {
        queue.add(work);
    }

    /** Runs queued work on the calling thread until {@code done} holds; fails after a hang guard (never a timing assertion). */
    public void runUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FxWait.TIMEOUT_SECONDS);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Runnable next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (next != null) {
                    next.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }

    /** Runs whatever is queued now. */
    public void runPending() {
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
        }
    }
}
