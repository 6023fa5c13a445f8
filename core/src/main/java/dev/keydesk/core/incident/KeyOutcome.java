package dev.keydesk.core.incident;

import dev.keydesk.client.model.ApiKey;

import java.time.Instant;
import java.util.Objects;

/**
 * How one target key ended.
 *
 * @param key the key as the inventory showed it before the run (never a secret)
 * @param message for people: what happened, for a failure why and what is safe
 * @param requestId the server's request id of the answer that decided it, when there was one
 * @param attempts write requests sent for this key (0 when not attempted)
 */
public record KeyOutcome(ApiKey key, Outcome outcome, String message, String requestId, int attempts,
                         Instant finishedAt) {

    public KeyOutcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
    }

    public String keyId() {
        return key.id();
    }
}
