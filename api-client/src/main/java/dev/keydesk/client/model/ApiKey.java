package dev.keydesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key as the server describes it. Never holds the secret; core fields first, then the
 * extensions a core-only server may leave null.
 *
 * @param expiresAt null when the key never expires
 * @param lastUsed null when it was never used
 * @param type {@link KeyType} values, or whatever the server sends; may be null
 * @param status {@link KeyStatus} values, or whatever the server sends; may be null
 */
public record ApiKey(
        String id,
        String name,
        String prefix,
        List<Permission> permissions,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsed,
        Usage usage,
        String description,
        String type,
        String status,
        String createdBy,
        String lastUsedIp) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        usage = usage == null ? Usage.NONE : usage;
    }

    public boolean neverExpires() {
        return expiresAt == null;
    }

    public boolean isActive() {
        return status == null || KeyStatus.ACTIVE.equals(status);
    }
}
