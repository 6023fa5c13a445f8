package dev.keydesk.client.model;

import java.util.Locale;

/**
 * A field of a key request, named the same whatever the dialect, so that a form can put a
 * server's refusal next to the right input. Each dialect maps its wire names (e.g. {@code expires_at})
 * onto these; {@link dev.keydesk.client.error.KeyApiException#param()} keeps the raw name.
 */
public enum KeyField {
    NAME,
    DESCRIPTION,
    PERMISSIONS,
    EXPIRY,
    TYPE,
    STATUS,
    /** The audit reason sent with a change ({@code Audit-Reason}). */
    REASON,
    /** No field, or one this client does not know. */
    OTHER;

    /**
     * The field that a wire name most likely means, in either dialect's spelling
     * ({@code expires_at}, {@code expiresAt}, {@code permissions[2]}, {@code Audit-Reason}, …).
     */
    public static KeyField fromParam(String param) {
        if (param == null || param.isBlank()) {
            return OTHER;
        }
        String p = param.strip().toLowerCase(Locale.ROOT).replace("-", "_");
        int bracket = p.indexOf('[');
        if (bracket > 0) {
            p = p.substring(0, bracket);
        }
        int dot = p.indexOf('.');
        if (dot > 0) {
            p = p.substring(0, dot);
        }
        return switch (p) {
            case "name" -> NAME;
            case "description" -> DESCRIPTION;
            case "permissions", "permission", "scopes" -> PERMISSIONS;
            case "expires_at", "expiresat", "expiry", "expiration", "expires" -> EXPIRY;
            case "type" -> TYPE;
            case "status" -> STATUS;
            case "audit_reason", "reason" -> REASON;
            default -> OTHER;
        };
    }
}
