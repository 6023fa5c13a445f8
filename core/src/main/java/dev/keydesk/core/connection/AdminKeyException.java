package dev.keydesk.core.connection;

/**
 * The admin key for a profile could not be found where the profile says it lives (a variable
 * that is not set, an empty keyring, a session key not entered yet). The message is written for
 * the person and never holds the key.
 */
public final class AdminKeyException extends RuntimeException {

    public AdminKeyException(String message) {
        super(message);
    }
}
