package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * The groups of the expiry warning panel, each with its rule. A key that has already expired is
 * in {@link #EXPIRED} only: the other groups are about keys that still work (rotating or pruning
 * a dead key is moot; it needs extending or revoking).
 */
public enum ExpiryGroup {

    /** The expiry has passed (or the server says "expired"). */
    EXPIRED("Expired"),
    /** Expires within {@link ExpiryRules#SOON_DAYS} days from now, that instant included. */
    WITHIN_WEEK("Expire within " + ExpiryRules.SOON_DAYS + " days"),
    /** Expires later than the week but within {@link ExpiryRules#MONTH_DAYS} days. */
    WITHIN_MONTH("Expire in " + (ExpiryRules.SOON_DAYS + 1) + "–" + ExpiryRules.MONTH_DAYS + " days"),
    /** No expiry at all. */
    NEVER_EXPIRES("Never expire"),
    /** Created longer ago than its type's rotation age (strictly older). */
    PAST_ROTATION_AGE("Past rotation age"),
    /** Never used, or last used at least the unused days ago. */
    UNUSED("Unused");

    private static final Duration SOON = Duration.ofDays(ExpiryRules.SOON_DAYS);
    private static final Duration MONTH = Duration.ofDays(ExpiryRules.MONTH_DAYS);

    private final String label;

    ExpiryGroup(String label) {
        this.label = label;
    }

    /** "Expire within 7 days"; {@link #describe(ExpiryRules)} says the rule with its numbers. */
    public String label() {
        return label;
    }

    /** The rule in words, with the numbers in force: for a tooltip. */
    public String describe(ExpiryRules rules) {
        return switch (this) {
            case EXPIRED -> "Keys whose expiry has passed: every request with them is refused.";
            case WITHIN_WEEK -> "Keys that stop working within " + ExpiryRules.SOON_DAYS + " days.";
            case WITHIN_MONTH -> "Keys that stop working after the next " + ExpiryRules.SOON_DAYS
                    + " days but within " + ExpiryRules.MONTH_DAYS + ".";
            case NEVER_EXPIRES -> "Keys without an expiry date: a leaked one works until someone revokes it.";
            case PAST_ROTATION_AGE -> "Keys created more than " + rules.rotationDaysLive() + " days ago (live) or "
                    + rules.rotationDaysTest() + " days ago (test): due for rotation.";
            case UNUSED -> "Keys never used, or not used for " + rules.unusedDays()
                    + " days or more: candidates for revoking.";
        };
    }

    /** Whether {@code key} belongs to this group at {@code now}. */
    public boolean contains(ApiKey key, Instant now, ExpiryRules rules) {
        boolean expired = isExpired(key, now);
        if (this == EXPIRED) {
            return expired;
        }
        if (expired) {
            return false;
        }
        Instant expires = key.expiresAt();
        return switch (this) {
            case WITHIN_WEEK -> expires != null && !expires.isAfter(now.plus(SOON));
            case WITHIN_MONTH -> expires != null && expires.isAfter(now.plus(SOON)) && !expires.isAfter(now.plus(MONTH));
            case NEVER_EXPIRES -> expires == null;
            case PAST_ROTATION_AGE -> key.createdAt() != null
                    && key.createdAt().isBefore(now.minus(Duration.ofDays(rules.rotationDays(key.type()))));
            case UNUSED -> neverUsed(key)
                    || !key.lastUsed().isAfter(now.minus(Duration.ofDays(rules.unusedDays())));
            case EXPIRED -> throw new AssertionError("handled above");
        };
    }

    /** Expired by its date or by the server's word. */
    public static boolean isExpired(ApiKey key, Instant now) {
        return KeyStatus.EXPIRED.equals(key.status()) || key.expiresAt() != null && !key.expiresAt().isAfter(now);
    }

    public static boolean neverUsed(ApiKey key) {
        return key.lastUsed() == null;
    }
}
