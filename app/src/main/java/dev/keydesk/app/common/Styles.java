package dev.keydesk.app.common;

import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.keys.PermissionSummary;

/** The app's own style classes (defined in {@code app.css}), as constants so Java and CSS agree. */
public final class Styles {

    public static final String EXPIRED = "expiry-expired";
    public static final String EXPIRY_DANGER = "expiry-danger";
    public static final String EXPIRY_WARNING = "expiry-warning";
    public static final String RISK_HIGH = "risk-high";
    public static final String RISK_WRITE = "risk-write";
    public static final String STATUS_ACTIVE = "status-active";
    public static final String STATUS_DISABLED = "status-disabled";
    public static final String STATUS_EXPIRED = "status-expired";
    /** A frozen (disabled) key's row in the key table. */
    public static final String FROZEN_ROW = "key-frozen";
    public static final String MUTED = "text-muted";
    public static final String OVERLAY = "overlay";
    /** The old key of a rotation in grace (its name carries the marker). */
    public static final String ROTATING = "key-rotating";
    public static final String SECTION_TITLE = "section-title";

    private Styles() {
    }

    /** The badge colour of an environment. */
    public static String environment(Environment environment) {
        return switch (environment) {
            case PRODUCTION -> "env-production";
            case STAGING -> "env-staging";
            case SANDBOX -> "env-sandbox";
            case LOCAL -> "env-local";
        };
    }

    /** The colour of a permission summary, or null for none. */
    public static String risk(PermissionSummary.Risk risk) {
        return switch (risk) {
            case ADMIN -> RISK_HIGH;
            case WRITE -> RISK_WRITE;
            case READ_ONLY -> null;
        };
    }
}
