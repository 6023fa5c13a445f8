package dev.keydesk.app.keys;

import dev.keydesk.app.common.Styles;
import dev.keydesk.core.expiry.ExpiryRules;

import java.time.Duration;
import java.time.Instant;

/** How soon a key stops working, which colours its expiry: a week is danger, a month a warning. */
public enum ExpiryUrgency {
    EXPIRED(Styles.EXPIRED),
    DANGER(Styles.EXPIRY_DANGER),
    WARNING(Styles.EXPIRY_WARNING),
    NONE(null);

    // The expiry panel's red and amber groups use the same windows (core's ExpiryRules).
    static final Duration DANGER_WITHIN = Duration.ofDays(ExpiryRules.SOON_DAYS);
    static final Duration WARNING_WITHIN = Duration.ofDays(ExpiryRules.MONTH_DAYS);

    private final String styleClass;

    ExpiryUrgency(String styleClass) {
        this.styleClass = styleClass;
    }

    /** The style class for a cell, or null for none. */
    public String styleClass() {
        return styleClass;
    }

    public static ExpiryUrgency of(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return NONE;
        }
        if (!expiresAt.isAfter(now)) {
            return EXPIRED;
        }
        Duration left = Duration.between(now, expiresAt);
        if (left.compareTo(DANGER_WITHIN) <= 0) {
            return DANGER;
        }
        if (left.compareTo(WARNING_WITHIN) <= 0) {
            return WARNING;
        }
        return NONE;
    }
}
