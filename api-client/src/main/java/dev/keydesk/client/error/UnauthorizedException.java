package dev.keydesk.client.error;

/**
 * The calling key is missing, invalid, expired, disabled or revoked (401): reconnect with a valid key.
 *
 * <p>Some servers (Narrative's) answer 401 for a missing permission too, with a body that does not
 * say which: then {@link #isAmbiguous()} is true and the message says so.
 */
public final class UnauthorizedException extends KeyApiException {

    private final boolean ambiguous;

    public UnauthorizedException(String message, int status, String code, String requestId, String param,
                                 boolean ambiguous, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.ambiguous = ambiguous;
    }

    public UnauthorizedException(String message, int status, String code, String requestId, String param, Throwable cause) {
        this(message, status, code, requestId, param, false, cause);
    }

    /**
     * True when the server does not tell an invalid key from a valid one that lacks a permission
     * for this request; a caller can check with a call that needs no permission (e.g. whoami).
     */
    public boolean isAmbiguous() {
        return ambiguous;
    }
}
