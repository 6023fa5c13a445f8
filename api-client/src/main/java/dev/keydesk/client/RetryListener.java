package dev.keydesk.client;

/**
 * Told when the client is about to wait and repeat a request ({@code Retrier}'s rules: a connection
 * failure, 429 or 5xx on a request that is safe to repeat), and when such a request is over. A UI
 * shows the wait while it lasts; the caller cancels it as any call, by interrupting its thread.
 *
 * <p>Told on the thread that made the call, so: be quick, and hop to the UI thread yourself. A
 * listener that throws is logged and ignored. A call that needs no retry tells nothing; a retry
 * that is not made (the last attempt failed, or the server's {@code Retry-After} is beyond
 * {@link RetryPolicy#maxRetryAfter()}) is not announced, and the call fails as it always did.
 */
public interface RetryListener {

    /** Attempt {@code retry.nextAttempt() - 1} failed and will be repeated; told before the wait begins. */
    void retryScheduled(RetryScheduled retry);

    /**
     * The call that announced {@code last} (its latest retry) is over: answered, failed for good, or
     * cancelled. Told once per call that announced a retry, before the call returns or throws.
     */
    void retriesEnded(RetryScheduled last);
}
