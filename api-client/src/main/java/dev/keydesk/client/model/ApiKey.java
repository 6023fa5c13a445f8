package dev.keydesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key as the server describes it. Never holds the secret; core fields first, then the
 * extensions a core-only server (or another dialect) may leave null.
 *
 * <p>Which fields a server fills depends on its dialect: see
 * {@link dev.keydesk.client.KeyApi#capabilities()}. A Narrative token, for one, carries only
 * {@code id}, {@code name}, {@code permissions} and {@code expiresAt}; everything else is null.
 *
 * @param prefix identifies the key without revealing it; null where the server shows none
 * @param createdAt null where the server does not say
 * @param expiresAt null when the key never expires
 * @param lastUsed null when it was never used, or the server does not say
 * @param usage {@link Usage#NONE} where the server does not say
 * @param type {@link KeyType} values, or whatever the server sends; may be null
 * @param status {@link KeyStatus} values, or whatever the server sends; may be null
 * @param revokedAt when the key was revoked; only in lists of revoked keys and identify answers
 * @param revokedBy the id of the key that revoked it, where the server says
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
        String lastUsedIp,
        Instant revokedAt,
        String revokedBy) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        usage = usage == null ? Usage.NONE : usage;
    }

    /** A key that was never revoked: the thirteen fields of version 1. */
    public ApiKey(String id, String name, String prefix, List<Permission> permissions, Instant createdAt,
                  Instant expiresAt, Instant lastUsed, Usage usage, String description, String type, String status,
                  String createdBy, String lastUsedIp) {
        this(id, name, prefix, permissions, createdAt, expiresAt, lastUsed, usage, description, type, status,
                createdBy, lastUsedIp, null, null);
    }

    public boolean neverExpires() {
        return expiresAt == null;
    }

    public boolean isActive() {
        return (status == null && revokedAt == null) || KeyStatus.ACTIVE.equals(status);
    }

    public boolean isRevoked() {
        return KeyStatus.REVOKED.equals(status) || revokedAt != null;
    }
}
