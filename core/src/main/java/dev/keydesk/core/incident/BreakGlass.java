package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;

import java.time.Duration;
import java.util.Objects;

/**
 * What the caller provides when a plan includes the admin key the run is connected with. The
 * engine then, in this order: (1) creates a replacement with the same permissions, a short expiry
 * and a name that says what it replaces; (2) hands its secret to {@link #handover()} exactly once;
 * (3) switches the run to it through {@link #connectionSwitch()}; (4) stops the old key last. If
 * a step fails it stops before the old key is touched, and the result says where things stand.
 *
 * @param lifetime the replacement's expiry from now, kept within the server's policy
 */
public record BreakGlass(SecretHandover handover, ConnectionSwitch connectionSwitch, Duration lifetime) {

    /** The default lifetime of a replacement admin key: long enough to rotate properly, short enough to matter. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

    public BreakGlass {
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(connectionSwitch, "connectionSwitch");
        lifetime = lifetime == null ? DEFAULT_LIFETIME : lifetime;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
    }

    public BreakGlass(SecretHandover handover, ConnectionSwitch connectionSwitch) {
        this(handover, connectionSwitch, DEFAULT_LIFETIME);
    }

    /** Step 2: shows or stores the replacement's secret once (the app's copy-once dialog; the terminal; a file). */
    @FunctionalInterface
    public interface SecretHandover {
        /**
         * Called once, on an engine thread; may block until the person has taken the secret.
         * {@code secret} is wiped once the switch is done: keep a copy
         * ({@code Secret.ofChars(secret.copyChars())}) if needed. Throwing stops break-glass
         * before the old key is touched (the replacement is then revoked again).
         */
        void handOver(ApiKey replacement, Secret secret) throws Exception;
    }

    /** Step 3: makes the replacement the connection's key (keyring or session as the profile allows). */
    @FunctionalInterface
    public interface ConnectionSwitch {
        /**
         * Returns the client the rest of the run uses: it authenticates with {@code secret}, must
         * not retry by itself (the engine paces the run), and is the caller's to close after the
         * run. Throwing stops break-glass before the old key is touched.
         */
        KeyApi switchTo(ApiKey replacement, Secret secret) throws Exception;
    }

    /** The steps, in order. */
    public enum Step {
        CREATE_REPLACEMENT("create the replacement key"),
        HAND_OVER_SECRET("hand over the replacement's secret"),
        SWITCH_CONNECTION("switch the connection to the replacement"),
        STOP_OLD_KEY("stop the old key");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
