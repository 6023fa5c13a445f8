package dev.keydesk.core.connection;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A live connection: the profile it came from, the client, and what the server told about itself
 * when it connected.
 *
 * @param whoami empty when the server has no whoami endpoint
 */
public record Connection(Profile profile, KeyApi api, Optional<WhoAmI> whoami, Catalog catalog, KeyPolicy policy) {

    public boolean holds(Permission permission) {
        return whoami.map(w -> w.holds(permission)).orElse(true);
    }

    /** The id of the admin key this connection authenticates with, when the server says (whoami). */
    public Optional<String> connectedKeyId() {
        return whoami.map(WhoAmI::key).map(ApiKey::id);
    }

    /** Whether {@code keyId} is the admin key this connection authenticates with, as far as the server says. */
    public boolean isConnectedKey(String keyId) {
        return connectedKeyId().map(id -> id.equals(keyId)).orElse(false);
    }

    /**
     * {@code items} in the order they may be revoked or frozen: the admin key this connection uses
     * goes last, since every call after it would be refused (401) and leave the rest untouched.
     */
    public <T> List<T> connectedKeyLast(List<T> items, Function<T, String> keyId) {
        List<T> ordered = new ArrayList<>(items.size());
        items.stream().filter(i -> !isConnectedKey(keyId.apply(i))).forEach(ordered::add);
        items.stream().filter(i -> isConnectedKey(keyId.apply(i))).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
