package dev.keydesk.client.http;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.model.RateLimitStatus;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every dialect's {@link KeyApi} takes from the one transport unchanged: the rate-limit
 * figures last seen, the listeners, and closing. A dialect extends it and adds its paths and wire
 * types; nothing of the transport's plumbing is written twice.
 */
public abstract class TransportKeyApi implements KeyApi {

    protected final HttpTransport http;

    protected TransportKeyApi(HttpTransport http) {
        this.http = http;
    }

    @Override
    public final Optional<RateLimitStatus> lastRateLimit() {
        return http.lastRateLimit();
    }

    @Override
    public final void addRateLimitListener(Consumer<RateLimitStatus> listener) {
        http.addRateLimitListener(listener);
    }

    @Override
    public final void removeRateLimitListener(Consumer<RateLimitStatus> listener) {
        http.removeRateLimitListener(listener);
    }

    @Override
    public final void addRetryListener(RetryListener listener) {
        http.addRetryListener(listener);
    }

    @Override
    public final void removeRetryListener(RetryListener listener) {
        http.removeRetryListener(listener);
    }

    /** Lets calls in flight finish, refuses new ones, and frees the threads and connections of every view. */
    @Override
    public final void close() {
        http.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + http + "]";
    }
}
