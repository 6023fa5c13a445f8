package dev.keydesk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which dialect a server speaks, as {@link KeyApis#probeDialect} found out, for a "new connection"
 * form: the dialect (empty when the server answered neither KeyDesk's nor Narrative's way), whether
 * it accepted the key, and a sentence for people that says what was seen.
 */
public final class DialectProbe {

    private final Dialect dialect;
    private final boolean keyAccepted;
    private final String summary;

    private DialectProbe(Dialect dialect, boolean keyAccepted, String summary) {
        this.dialect = dialect;
        this.keyAccepted = keyAccepted;
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** The server speaks {@code dialect}; {@code keyAccepted} false when it refused the key (401/403). */
    public static DialectProbe found(Dialect dialect, boolean keyAccepted, String summary) {
        return new DialectProbe(Objects.requireNonNull(dialect, "dialect"), keyAccepted, summary);
    }

    /** The server answered, but not as a server of the dialect tried. */
    public static DialectProbe notFound(String summary) {
        return new DialectProbe(null, false, summary);
    }

    /** Empty when the server answered neither way. */
    public Optional<Dialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /** True when the server speaks {@link #dialect()} and answered the key's requests. */
    public boolean keyAccepted() {
        return keyAccepted;
    }

    public String summary() {
        return summary;
    }

    @Override
    public String toString() {
        return "DialectProbe[" + (dialect == null ? "none" : dialect) + (keyAccepted ? ", key accepted" : "")
                + ": " + summary + "]";
    }
}
