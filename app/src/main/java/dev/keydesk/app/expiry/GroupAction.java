package dev.keydesk.app.expiry;

import dev.keydesk.core.expiry.ExpiryGroup;

import java.util.List;

/** The bulk actions the expiry panel offers, and which fit which group. */
public enum GroupAction {
    EXTEND("Extend…"),
    ROTATE("Rotate…"),
    REVOKE("Revoke…"),
    FREEZE("Freeze…");

    private final String label;

    GroupAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The actions that fit {@code group}: keys about to stop working (or that have) are extended;
     * old or unexpiring keys are rotated; dead and idle keys are revoked; idle keys may be frozen
     * first, which is reversible.
     */
    public static List<GroupAction> forGroup(ExpiryGroup group) {
        return switch (group) {
            case EXPIRED -> List.of(EXTEND, REVOKE);
            case WITHIN_WEEK, WITHIN_MONTH -> List.of(EXTEND, ROTATE);
            case NEVER_EXPIRES, PAST_ROTATION_AGE -> List.of(ROTATE, REVOKE);
            case UNUSED -> List.of(FREEZE, REVOKE);
        };
    }
}
