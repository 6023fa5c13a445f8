package dev.keydesk.core.expiry;

import dev.keydesk.core.connection.Connection;

import java.time.Instant;
import java.util.List;

/**
 * Sends previewed expiry changes to the server and says what became of each. The one seam
 * between the expiry screens and the server's write path: today {@link SequentialExpiryApplier}
 * (one PATCH after another); the incident engine's bulk path can take its place without the
 * screens noticing.
 */
public interface ExpiryApplier {

    /** What happened to one change. */
    enum Result {
        /** The server took the new expiry. */
        UPDATED,
        /** The server refused it (403: the key holds more than the admin key, say). */
        REFUSED,
        /** The key is gone (revoked meanwhile). */
        GONE,
        /** The server rejected the change (422, 412, another 4xx). */
        FAILED,
        /** Not sent: cancelled, or the batch stopped before it (see {@link Report#stoppedBy()}). */
        NOT_ATTEMPTED
    }

    /**
     * @param applied the expiry the server now holds (UPDATED only)
     * @param message why, for anything but UPDATED
     */
    record Outcome(ExpiryChange change, Result result, Instant applied, String message) {
    }

    /**
     * Every change's outcome, in the order given (changes that are not sent are left out).
     *
     * @param stoppedBy the failure that stopped the batch (the connection lost, 401, 429 after the
     *     client's retries, 5xx); null when it ran to the end or was cancelled
     */
    record Report(List<Outcome> outcomes, Throwable stoppedBy, boolean cancelled) {

        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public long count(Result result) {
            return outcomes.stream().filter(o -> o.result() == result).count();
        }
    }

    /** Told as the batch goes; asked whether to stop. Called on the applying thread. */
    interface Listener {
        /** Before change {@code index} (0-based) of {@code total} is sent. */
        void sending(int index, int total, ExpiryChange change);

        boolean isCancelled();
    }

    /**
     * Applies the changes that {@link ExpiryChange#sends()}; blocks, so call it off the UI thread.
     *
     * @param reason recorded with each change in the audit log where the server keeps one (at most
     *     200 characters, one line; longer is cut); null for none
     */
    Report apply(Connection connection, List<ExpiryChange> changes, String reason, Listener listener);
}
