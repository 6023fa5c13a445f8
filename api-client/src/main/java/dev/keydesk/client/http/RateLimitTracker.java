package dev.keydesk.client.http;

import dev.keydesk.client.model.RateLimitStatus;

import java.util.Optional;
import java.util.function.Consumer;

/** The last rate-limit state seen and the listeners told of each new one. */
final class RateLimitTracker {

    private final Listeners<Consumer<RateLimitStatus>> listeners = new Listeners<>("rate-limit");
    private volatile RateLimitStatus last;

    void observe(RateLimitStatus status) {
        last = status;
        listeners.tell(listener -> listener.accept(status));
    }

    Optional<RateLimitStatus> last() {
        return Optional.ofNullable(last);
    }

    void add(Consumer<RateLimitStatus> listener) {
        listeners.add(listener);
    }

    void remove(Consumer<RateLimitStatus> listener) {
        listeners.remove(listener);
    }
}
