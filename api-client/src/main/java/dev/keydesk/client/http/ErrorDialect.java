package dev.keydesk.client.http;

import dev.keydesk.client.model.KeyField;

/**
 * What one dialect's error bodies can and cannot say, for the one error mapper that turns every
 * failed exchange into its exception. For the dialect packages of this library.
 */
public interface ErrorDialect {

    /** Error bodies as KeyDesk's contract describes them: specific codes, {@code param} names a field. */
    ErrorDialect GENERIC = new ErrorDialect() {
    };

    /**
     * The neutral field that a validation error blames.
     *
     * @param param the server's {@code param}, may be null
     * @param message the server's message, may be null (a dialect without {@code param} may read it)
     */
    default KeyField field(String param, String message) {
        return KeyField.fromParam(param);
    }

    /**
     * Whether a 401 or 403 whose body says nothing specific can be taken at its status (401: the key
     * is invalid; 403: it lacks a permission). False for a dialect whose servers answer either status
     * for either cause with generic codes ("Unauthorized"): such an answer is then reported as
     * ambiguous instead of guessed.
     */
    default boolean statusTellsAuthFailures() {
        return true;
    }
}
