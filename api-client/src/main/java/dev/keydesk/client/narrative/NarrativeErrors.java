package dev.keydesk.client.narrative;

import dev.keydesk.client.http.ErrorDialect;
import dev.keydesk.client.model.KeyField;

import java.util.Locale;

/**
 * What Narrative's errors say: {@code {"error","error_description"}}, no field name, no code that
 * tells an invalid token from a missing permission (either may come back as 401 or as 403).
 */
final class NarrativeErrors implements ErrorDialect {

    static final NarrativeErrors INSTANCE = new NarrativeErrors();

    private NarrativeErrors() {
    }

    /**
     * Narrative names no {@code param}; its 400 descriptions name the field in words ("The provided
     * expiration date is invalid"), which is read here as well as it can be.
     */
    @Override
    public KeyField field(String param, String message) {
        KeyField fromParam = KeyField.fromParam(param);
        if (fromParam != KeyField.OTHER || message == null) {
            return fromParam;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("expir")) {
            return KeyField.EXPIRY;
        }
        if (m.contains("permission")) {
            return KeyField.PERMISSIONS;
        }
        if (m.contains("name")) {
            return KeyField.NAME;
        }
        return KeyField.OTHER;
    }

    @Override
    public boolean statusTellsAuthFailures() {
        return false;
    }
}
