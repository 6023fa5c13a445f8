package dev.keydesk.app.testing;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting in UI tests: for a condition, read on the FX thread (where the state it reads lives),
 * never for a time. The timeout is a hang guard only; a test never asserts how long anything took.
 */
public final class FxWait {

    public static final long TIMEOUT_SECONDS = 30;

    private FxWait() {
    }

    /** Evaluates {@code condition} on the FX thread until it holds; fails after the hang guard. */
    public static void until(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get()));
        } catch (TimeoutException e) {
            throw new AssertionError("gave up waiting until " + what, e);
        }
    }

    /** Reads {@code read} on the FX thread; what it throws (a failed lookup, an assertion) comes through as is. */
    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer", e);
        }
    }
}
