package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link RevokedKeys} through the typed client. The client of this build has no status filter on
 * listing and no {@code revoked_at}/{@code revoked_by} on a key yet (that work is under way), so
 * every connection answers "unavailable" with the reason. When it lands, this class asks the
 * client's capabilities, lists with {@code status=revoked} and reads the two fields; nothing else
 * changes.
 */
public final class ClientRevokedKeys implements RevokedKeys {

    public static final ClientRevokedKeys INSTANCE = new ClientRevokedKeys();

    static final String NOT_IN_THIS_CLIENT = "Listing revoked keys needs version 1.1 of the key API "
            + "(?status=revoked), which this build of KeyDesk's client cannot ask for yet";

    private ClientRevokedKeys() {
    }

    @Override
    public Optional<String> unavailable(Connection connection) {
        return Optional.of(NOT_IN_THIS_CLIENT);
    }

    @Override
    public List<ApiKey> listAll(Connection connection, Consumer<Integer> onPage) {
        throw new UnsupportedOperationException(NOT_IN_THIS_CLIENT);
    }

    @Override
    public Optional<Instant> revokedAt(ApiKey key) {
        return Optional.empty();
    }

    @Override
    public Optional<String> revokedBy(ApiKey key) {
        return Optional.empty();
    }
}
