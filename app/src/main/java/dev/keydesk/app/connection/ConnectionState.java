package dev.keydesk.app.connection;

import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.Remedy;

import java.util.Objects;

/**
 * What the connection is doing, for the status bar and the window title. A failure carries the
 * message to show and what the person can do about it.
 */
public sealed interface ConnectionState {

    /** Before the first connect. */
    record Idle() implements ConnectionState {
    }

    /** @param activity what the status bar says meanwhile, e.g. "Connecting to Production…" */
    record Connecting(Profile profile, String activity) implements ConnectionState {
        public Connecting {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(activity, "activity");
        }

        public Connecting(Profile profile) {
            this(profile, "Connecting to " + profile.name() + "…");
        }
    }

    record Connected(Connection connection) implements ConnectionState {
        public Connected {
            Objects.requireNonNull(connection, "connection");
        }
    }

    /**
     * @param profile the profile that failed; null when no profile could even be chosen
     */
    record Failed(Profile profile, UserMessage message, Remedy remedy) implements ConnectionState {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(remedy, "remedy");
        }
    }

    default boolean isConnected() {
        return this instanceof Connected;
    }
}
