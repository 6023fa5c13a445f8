package dev.keydesk.core.review;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.ExpiryRules;
import dev.keydesk.core.rotation.RotationMarker;

import java.time.Instant;
import java.util.List;

/**
 * The review's default set: every key due for rotation, by the expiry panel's own rule (older than
 * its type's rotation age, still working), less the keys already being rotated (the old half of a
 * cutover is due, but its replacement is what counts now).
 */
public final class DueKeys {

    private DueKeys() {
    }

    public static List<ApiKey> of(List<ApiKey> keys, Instant now, ExpiryRules rules) {
        return keys.stream()
                .filter(k -> ExpiryGroup.PAST_ROTATION_AGE.contains(k, now, rules))
                .filter(k -> !RotationMarker.isMarked(k.name()))
                .toList();
    }
}
