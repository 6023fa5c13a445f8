package dev.keydesk.client.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one kind of client event. Telling them never fails the request that gave
 * cause: a listener that throws is logged and the others are still told.
 */
final class Listeners<L> {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String kind;
    private final List<L> listeners = new CopyOnWriteArrayList<>();

    /** @param kind names the listeners in the log, e.g. "rate-limit" */
    Listeners(String kind) {
        this.kind = kind;
    }

    void add(L listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(L listener) {
        listeners.remove(listener);
    }

    void tell(Consumer<? super L> message) {
        for (L listener : listeners) {
            try {
                message.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A {} listener failed; the request goes on", kind, e);
            }
        }
    }
}
