package dev.keydesk.client;

import dev.keydesk.client.model.RateLimitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The last rate-limit state seen and the listeners told of each new one. */
final class RateLimitTracker {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitTracker.class);

    private final List<Consumer<RateLimitStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile RateLimitStatus last;

    void observe(RateLimitStatus status) {
        last = status;
        for (Consumer<RateLimitStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                // A listener's bug must not fail the request that carried the figures.
                LOG.warn("A rate-limit listener failed; the request goes on", e);
            }
        }
    }

    Optional<RateLimitStatus> last() {
        return Optional.ofNullable(last);
    }

    void add(Consumer<RateLimitStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(Consumer<RateLimitStatus> listener) {
        listeners.remove(listener);
    }
}
