package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A plain key made filterable: its search text and resources computed once. */
public final class IndexedKey implements FilterableKey {

    private final ApiKey key;
    private final String searchText;
    private final Set<String> resources;
    private final boolean admin;
    private final String status;

    private IndexedKey(ApiKey key, Instant now) {
        this.key = Objects.requireNonNull(key, "key");
        this.status = now == null ? (key.status() == null ? "" : key.status()) : KeyStatuses.of(key, now);
        this.searchText = KeySearchText.of(key);
        this.resources = KeySearchText.resources(key);
        this.admin = key.permissions().contains(Permission.ADMIN_ALL);
    }

    public static IndexedKey of(ApiKey key) {
        return new IndexedKey(key, null);
    }

    /** With the status read from the expiry where the server sends none (Narrative), as of {@code now}. */
    public static IndexedKey of(ApiKey key, Instant now) {
        return new IndexedKey(key, now);
    }

    /** The keys that {@code filter} lets through, in their order. */
    public static List<ApiKey> filter(List<ApiKey> keys, KeyFilter filter, Instant now) {
        var predicate = filter.<IndexedKey>toPredicate(now);
        return keys.stream().map(k -> IndexedKey.of(k, now)).filter(predicate).map(IndexedKey::key).toList();
    }

    public ApiKey key() {
        return key;
    }

    @Override
    public String searchText() {
        return searchText;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public String type() {
        return key.type() == null ? "" : key.type();
    }

    @Override
    public boolean touches(String resource) {
        return admin || resources.contains(resource);
    }

    @Override
    public Instant expiresAt() {
        return key.expiresAt();
    }

    @Override
    public String toString() {
        return "IndexedKey[" + key.id() + "]";
    }
}
