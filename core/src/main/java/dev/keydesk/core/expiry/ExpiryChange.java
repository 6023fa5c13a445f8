package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One key's proposed new expiry, as previewed before anything is sent.
 *
 * @param from its expiry now (null: never)
 * @param to the proposed expiry; null when nothing is to be sent (see {@code note})
 * @param note why the proposal is what it is: capped, earlier than now, or skipped and why
 */
public record ExpiryChange(ApiKey key, Instant from, Instant to, Note note) {

    /** What the preview says about a proposal. */
    public enum Note {
        /** Sent as proposed. */
        NONE(""),
        /** Sent, but held at the policy's limit (asked for later). */
        CAPPED("held at the policy's limit"),
        /** Sent, and the key will expire earlier than it does now (a spread may move keys forward). */
        EARLIER("earlier than now"),
        /** Not sent: the key never expires, so there is nothing to extend. */
        NEVER_EXPIRES("never expires: nothing to extend"),
        /** Not sent: the key already expires at or beyond what the policy allows. */
        AT_LIMIT("already at the policy's limit"),
        /** Not sent: the key already expires on or after the chosen date. */
        NOT_LATER("already expires that day or later"),
        /** Not sent: the proposal is the day it expires on now. */
        UNCHANGED("stays on its day");

        private final String text;

        Note(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Whether a change with this note is sent to the server. */
        public boolean sends() {
            return this == NONE || this == CAPPED || this == EARLIER;
        }
    }

    public ExpiryChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(note, "note");
        if (note.sends() && to == null) {
            throw new IllegalArgumentException("a change that is sent needs a new expiry");
        }
        if (!note.sends()) {
            to = null;
        }
    }

    static ExpiryChange skip(ApiKey key, Note why) {
        return new ExpiryChange(key, key.expiresAt(), null, why);
    }

    public boolean sends() {
        return note.sends();
    }

    public String keyId() {
        return key.id();
    }
}
