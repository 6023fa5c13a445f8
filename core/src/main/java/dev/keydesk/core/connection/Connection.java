package dev.keydesk.core.connection;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A live connection: the profile it came from, the client, and what the server told about itself
 * when it connected, including what its dialect can do ({@link #capabilities()}, a snapshot taken
 * off the UI thread, so that reading it never sends a request).
 *
 * @param whoami empty when the server has no whoami endpoint
 */
public record Connection(Profile profile, KeyApi api, Optional<WhoAmI> whoami, Catalog catalog, KeyPolicy policy,
                         Capabilities capabilities) {

    public Connection {
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** Takes the client's capabilities now (which may ask the server: not on the UI thread). */
    public Connection(Profile profile, KeyApi api, Optional<WhoAmI> whoami, Catalog catalog, KeyPolicy policy) {
        this(profile, api, whoami, catalog, policy,
                api == null ? Capabilities.of(profile.dialect(), Map.of()) : api.capabilities());
    }

    public boolean has(Capability capability) {
        return capabilities.has(capability);
    }

    /** Why the server cannot do {@code capability}, for a disabled control's tooltip; empty when it can. */
    public Optional<String> whyNot(Capability capability) {
        return capabilities.whyNot(capability);
    }

    /**
     * Whether the connected admin key holds {@code permission}, as far as the server says. True when
     * it cannot say: no whoami, a whoami without permissions, or one that describes the person and
     * not the key (Narrative's lists the user's permissions, under resource names that are not
     * confirmed to be the ones its tokens are checked against). The server then decides, and its
     * refusal is the answer.
     */
    public boolean holds(Permission permission) {
        if (!has(Capability.WHOAMI_NAMES_KEY)) {
            return true;
        }
        return whoami.map(w -> w.holds(permission)).orElse(true);
    }

    /** The id of the admin key this connection authenticates with, when the server says (whoami). */
    public Optional<String> connectedKeyId() {
        return whoami.flatMap(WhoAmI::callingKey).map(ApiKey::id);
    }

    /**
     * Whether the server says which admin key this connection authenticates with. Without it nothing
     * can keep that key from being revoked by mistake: callers say so instead of promising it.
     */
    public boolean knowsConnectedKey() {
        return connectedKeyId().isPresent();
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
