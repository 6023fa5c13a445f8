package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Revoked keys, the history the normal list leaves out (contract 1.1:
 * {@code GET /v1/api-keys?status=revoked}, each with {@code revoked_at} and {@code revoked_by}).
 * Whether a connection can list them depends on the server and on the client; where it cannot,
 * {@link #unavailable} says why, and the app shows the filter disabled with that reason.
 */
public interface RevokedKeys {

    /** The status value of a revoked key (and of the filter that lists them). */
    String STATUS = "revoked";

    /** Empty when revoked keys can be listed on {@code connection}; else why not, for people. */
    Optional<String> unavailable(Connection connection);

    /** Every revoked key; blocks. {@code onPage} hears the running count. */
    List<ApiKey> listAll(Connection connection, Consumer<Integer> onPage);

    /** When {@code key} was revoked, if the server said. */
    Optional<Instant> revokedAt(ApiKey key);

    /** Who revoked {@code key} (the actor's key id), if the server said. */
    Optional<String> revokedBy(ApiKey key);
}
