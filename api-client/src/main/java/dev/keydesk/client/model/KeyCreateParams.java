package dev.keydesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a new key should be.
 *
 * @param description may be null
 * @param type {@link KeyType#LIVE} or {@link KeyType#TEST}; null lets the server choose (live)
 * @param expiresAt null asks for a key that never expires, where the policy allows it
 */
public record KeyCreateParams(
        String name, String description, String type, List<Permission> permissions, Instant expiresAt) {

    public KeyCreateParams {
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
    }
}
