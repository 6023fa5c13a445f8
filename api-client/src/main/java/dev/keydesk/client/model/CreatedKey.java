package dev.keydesk.client.model;

import dev.keydesk.client.Secret;

import java.util.Optional;

/**
 * The result of a create.
 *
 * @param secret the new key's secret, present exactly once; empty on a replay
 * @param replayed true when the server answered a retried create with the key it had already
 *     made ({@code Idempotent-Replayed: true}): the key exists but its secret cannot be shown, so
 *     the caller should offer to revoke it
 */
public record CreatedKey(ApiKey key, Optional<Secret> secret, boolean replayed) {
}
