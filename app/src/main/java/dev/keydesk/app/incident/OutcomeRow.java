package dev.keydesk.app.incident;

import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;

/** One key of a run as the outcome table shows it. */
public record OutcomeRow(KeyOutcome outcome) {

    public String id() {
        return outcome.keyId();
    }

    public String name() {
        return outcome.key().name() == null ? "" : outcome.key().name();
    }

    public String prefix() {
        return outcome.key().prefix() == null ? "" : outcome.key().prefix();
    }

    public Outcome kind() {
        return outcome.outcome();
    }

    public String label() {
        return outcome.outcome().label();
    }

    public String message() {
        return outcome.message();
    }

    public String requestId() {
        return outcome.requestId() == null ? "" : outcome.requestId();
    }

    public int attempts() {
        return outcome.attempts();
    }
}
