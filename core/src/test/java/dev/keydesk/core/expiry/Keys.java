package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;

import java.time.Instant;
import java.util.List;

/** Keys for the expiry tests: only the fields the rules read. */
final class Keys {

    private Keys() {
    }

    static ApiKey key(String id, Instant created, Instant expires, Instant lastUsed, String type) {
        return new ApiKey(id, "Key " + id, "sk_" + type + "_" + id, List.of(Permission.parse("datasets:read")),
                created, expires, lastUsed, Usage.NONE, null, type, "active", null, null);
    }

    static ApiKey expiring(String id, Instant expires) {
        return key(id, Instant.parse("2026-01-01T00:00:00Z"), expires, null, "live");
    }

    static ApiKey withStatus(ApiKey k, String status) {
        return new ApiKey(k.id(), k.name(), k.prefix(), k.permissions(), k.createdAt(), k.expiresAt(), k.lastUsed(),
                k.usage(), k.description(), k.type(), status, k.createdBy(), k.lastUsedIp());
    }
}
