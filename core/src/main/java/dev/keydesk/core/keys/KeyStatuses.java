package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;

import java.time.Instant;

/** A key's status as people see it, also where the server sends none. */
public final class KeyStatuses {

    private KeyStatuses() {
    }

    /**
     * The server's status, or, where it sends none (a Narrative token has no status field), the one
     * its expiry implies: a key the server still lists is active until it expires.
     */
    public static String of(ApiKey key, Instant now) {
        if (key.status() != null) {
            return key.status();
        }
        if (key.isRevoked()) {
            return KeyStatus.REVOKED;
        }
        return key.expiresAt() != null && !key.expiresAt().isAfter(now) ? KeyStatus.EXPIRED : KeyStatus.ACTIVE;
    }
}
