package dev.keydesk.core.connection;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * A connection together with the admin key its client holds. Closing it closes the client and
 * wipes the key; whoever opened it owns it.
 */
public final class OpenConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenConnection.class);

    private final Connection connection;
    private final Secret secret;

    OpenConnection(Connection connection, Secret secret) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public Connection connection() {
        return connection;
    }

    /** Closes the client and wipes the admin key. Idempotent. */
    @Override
    public void close() {
        dispose(connection.api(), secret);
    }

    /** Closes {@code api} (if any) and wipes {@code secret} (if any), whatever happens. */
    static void dispose(KeyApi api, Secret secret) {
        try {
            if (api != null) {
                api.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing a client failed: {}", e.getClass().getSimpleName());
        } finally {
            if (secret != null) {
                secret.wipe();
            }
        }
    }

    @Override
    public String toString() {
        return "OpenConnection[" + connection.profile().name() + "]";
    }
}
