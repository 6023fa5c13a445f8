package dev.keydesk.app.connection;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;

import java.util.Optional;

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
}
